"""Search counts kept outside the database until `manage.py flush_search_counts` moves them.

A search request must not write to the database: on SQLite every write takes the database's
single write lock, and under load searches would queue behind each other. So a request only
adds one to a counter, and a background task moves the counters into the reports' tables.

With Redis (production, several processes) the counters are one Redis hash (HINCRBY); without
it (one machine, development) lines appended to a spool file under VAR_DIR, which every process
on the machine shares. Either way a flush takes the counters away atomically (RENAME), so a
search counted during a flush is kept for the next one.
"""

import datetime as dt
import json
import os
import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

REDIS_KEY = "cms:search-counts"


@dataclass(frozen=True)
class SearchCount:
    query_string: str
    date: dt.date
    found: bool
    hits: int


def _field(query_string: str, day: dt.date, found: bool) -> str:
    return json.dumps([day.isoformat(), found, query_string], ensure_ascii=False)


def _parse(counts: Counter) -> list[SearchCount]:
    result = []
    for key, hits in counts.items():
        day, found, query_string = json.loads(key)
        result.append(SearchCount(query_string, dt.date.fromisoformat(day), found, int(hits)))
    return sorted(result, key=lambda c: (c.date, c.query_string, c.found))


class RedisCounts:
    def __init__(self, client):
        self.client = client

    def add(self, query_string: str, day: dt.date, found: bool, hits: int = 1) -> None:
        self.client.hincrby(REDIS_KEY, _field(query_string, day, found), hits)

    def take(self) -> list[SearchCount]:
        taken = f"{REDIS_KEY}:flushing:{uuid.uuid4().hex}"
        try:
            self.client.rename(REDIS_KEY, taken)
        except Exception as error:  # redis.ResponseError: no such key, nothing was counted
            if "no such key" in str(error).lower():
                return []
            raise
        raw = self.client.hgetall(taken)
        self.client.delete(taken)
        return _parse(Counter({k.decode(): int(v) for k, v in raw.items()}))


class SpoolCounts:
    def __init__(self, path: Path):
        self.path = Path(path)

    def add(self, query_string: str, day: dt.date, found: bool, hits: int = 1) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = f"{hits}\t{_field(query_string, day, found)}\n".encode()
        # O_APPEND: lines of simultaneous requests and processes never interleave.
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, line)
        finally:
            os.close(fd)

    def take(self) -> list[SearchCount]:
        taken = self.path.with_name(f"{self.path.name}.{uuid.uuid4().hex}")
        try:
            os.replace(self.path, taken)
        except FileNotFoundError:
            return []
        counts: Counter = Counter()
        with taken.open(encoding="utf-8") as spool:
            for line in spool:
                hits, _tab, field = line.rstrip("\n").partition("\t")
                if field:
                    counts[field] += int(hits)
        taken.unlink()
        return _parse(counts)


def counts_store():
    if settings.REDIS_URL:
        from django_redis import get_redis_connection

        return RedisCounts(get_redis_connection("default"))
    return SpoolCounts(settings.SEARCH_COUNTS_SPOOL)


def give_back(store, counts: list[SearchCount]) -> None:
    """Put counts back after a failed flush, so the next flush saves them."""
    for count in counts:
        store.add(count.query_string, count.date, count.found, hits=count.hits)

"""The registration screen's name search at the size of a municipality: N residents.

For SQLite (a file of its own under var/) and PostgreSQL (`hogeland_bench_residents`, created
and dropped; `BENCH_RESIDENTS_DATABASE_URL` to change): migrate, insert N residents with
realistic Dutch names (the search column filled as Resident.save does), then time
``contacts.selectors.resident_search`` for a few queries (median of repeated runs) and, on
PostgreSQL, print the plan. Goal: a name search under 50 ms at 50,000 residents.

    .venv/bin/python bench/resident_search.py --residents 50000
"""

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = os.environ.get(
    "BENCH_RESIDENTS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hogeland_bench_residents"
)
QUERIES = ["de vr", "jansen", "anna bak", "zoë", "xq"]
FIRST = ["Anna", "Bram", "Cor", "Jan", "Sanne", "Geert", "Zoë", "Henk", "Ineke", "Willem"]
LAST = ["de Vries", "Jansen", "Bakker", "Dijkstra", "Mulder", "Bos", "Smit", "de Boer", "Visser"]

MEASURE = r"""
import random, statistics, sys, time
import django
django.setup()
from django.db import connection
from contacts.constants import ResidentKind
from contacts.models import Resident
from contacts.names import search_text
from contacts.resident_query import parse_resident_query
from contacts.selectors import resident_search

count = int(sys.argv[1])
queries, first, last = (argument.split("|") for argument in sys.argv[2:5])
rng = random.Random(7)
rows = []
for number in range(count):
    name = f"{rng.choice(first)} {rng.choice(last)}{'' if number % 3 else '-' + rng.choice(last)}"
    rows.append(Resident(kind=ResidentKind.PERSON, name=name, search_name=search_text(name)))
Resident.objects.bulk_create(rows, batch_size=5000)
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE contacts_resident")
for query in queries:
    timings = []
    for _ in range(15):
        started = time.perf_counter()
        hits = resident_search(parse_resident_query(query))
        timings.append(time.perf_counter() - started)
    print(f"  {query!r:12} {len(hits):3} hits  median {statistics.median(timings) * 1000:6.1f} ms")
if connection.vendor == "postgresql":
    # A common word start (a scan is cheaper) and a rare one (the trigram index).
    for word in (" vr", " zwaan"):
        matches = Resident.objects.filter(search_name__contains=word)
        sql, params = matches.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN ANALYZE " + sql, params)
            plan = " / ".join(row[0].strip() for row in cursor.fetchall()[:2])
        print(f"  plan for {word!r}: {plan}")
"""


def run(label, database_url, count):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url,
    }
    python = str(ROOT / ".venv" / "bin" / "python")
    subprocess.run(
        [python, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True, timeout=900
    )
    print(f"{label}, {count} residents:")
    subprocess.run(
        [python, "-c", MEASURE, str(count), "|".join(QUERIES), "|".join(FIRST), "|".join(LAST)],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=900,
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--residents", type=int, default=50000)
    args = parser.parse_args()
    sqlite = ROOT / "var" / "bench-residents.sqlite3"
    sqlite.parent.mkdir(exist_ok=True)
    sqlite.unlink(missing_ok=True)
    try:
        run("SQLite", f"sqlite:///{sqlite}", args.residents)
    finally:
        sqlite.unlink(missing_ok=True)
    admin = POSTGRES_URL.rsplit("/", 1)[0] + "/postgres"
    name = POSTGRES_URL.rsplit("/", 1)[1]
    psql = ["psql", admin, "-q", "-c"]
    subprocess.run([*psql, f"DROP DATABASE IF EXISTS {name}"], check=True, timeout=60)
    subprocess.run([*psql, f"CREATE DATABASE {name}"], check=True, timeout=60)
    try:
        run("PostgreSQL", POSTGRES_URL, args.residents)
    finally:
        subprocess.run([*psql, f"DROP DATABASE IF EXISTS {name}"], check=True, timeout=60)


if __name__ == "__main__":
    sys.exit(main())

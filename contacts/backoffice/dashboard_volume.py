"""For unit Nieuws: subjects residents contact us about unusually often right now.

A subject is a contact moment's topic (compared without case or surrounding spaces) or, for
a broader signal, its team. It is unusual when the last 24 hours brought at least
``MIN_CONTACTS`` contacts and at least ``FACTOR`` times the daily average of the four weeks
before. One GROUP BY per kind of subject, filtered in SQL to subjects with enough contacts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Min, Q
from django.db.models.functions import Lower, Trim

from contacts.backoffice import dashboard
from contacts.models import ContactMoment

MIN_CONTACTS = 5
FACTOR = 3
BASELINE_DAYS = 28
LIMIT = 10


@dataclass(frozen=True)
class Surge:
    subject: str
    kind: str  # "onderwerp" or "team"
    recent: int
    previous: int

    @property
    def daily_average(self) -> float:
        return self.previous / BASELINE_DAYS

    @property
    def factor(self) -> float | None:
        return self.recent / self.daily_average if self.previous else None

    @property
    def unusual(self) -> bool:
        return self.recent >= MIN_CONTACTS and self.recent >= FACTOR * self.daily_average


def _counted(group_by: dict, label, *, now: dt.datetime):
    since = now - dt.timedelta(hours=24)
    start = since - dt.timedelta(days=BASELINE_DAYS)
    return (
        ContactMoment.objects.filter(registered_at__gte=start, registered_at__lt=now)
        .values(**group_by)
        .annotate(
            label=label,
            recent=Count("pk", filter=Q(registered_at__gte=since)),
            previous=Count("pk", filter=Q(registered_at__lt=since)),
        )
        .filter(recent__gte=MIN_CONTACTS)
        .order_by()
    )


def compute(*, now: dt.datetime) -> list[Surge]:
    by_topic = _counted({"key": Lower(Trim("topic"))}, Min("topic"), now=now)
    by_team = _counted({"key": F("team_id")}, Min("team__name"), now=now).filter(team__isnull=False)
    surges = [
        Surge(row["label"].strip(), kind, row["recent"], row["previous"])
        for kind, rows in (("onderwerp", by_topic), ("team", by_team))
        for row in rows
    ]
    unusual = [surge for surge in surges if surge.unusual]
    unusual.sort(key=lambda surge: (-(surge.factor or float("inf")), -surge.recent))
    return unusual[:LIMIT]


def unusual_volume(*, now: dt.datetime, refresh: bool = False) -> list[Surge]:
    # Cached for a few minutes at most: the signal is about the last hours.
    key = now.replace(minute=now.minute - now.minute % 5, second=0, microsecond=0)
    return dashboard.cached("volume", (key.isoformat(),), lambda: compute(now=now), refresh=refresh)

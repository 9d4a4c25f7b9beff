"""Open work per team, counted live in one query: due today, overdue, waiting for the
resident (paused) and past 80% of the time (warned, not yet overdue)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from contacts.models import NormClock

FIELDS = ("due_today", "overdue", "waiting", "warned")
LABELS = {
    "due_today": "Vandaag uiterlijk",
    "overdue": "Te laat",
    "waiting": "Wacht op inwoner",
    "warned": "Meer dan 80% van de tijd",
}


@dataclass(frozen=True)
class OpenWork:
    team_id: int | None
    team: str
    due_today: int = 0
    overdue: int = 0
    waiting: int = 0
    warned: int = 0

    @property
    def anything(self) -> bool:
        return any(getattr(self, field) for field in FIELDS)


def start_of_tomorrow(now: dt.datetime) -> dt.datetime:
    tomorrow = timezone.localtime(now).date() + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(tomorrow, dt.time()))


def open_clocks(*, team_ids: list[int] | None, kind: str = ""):
    clocks = NormClock.objects.running()
    if team_ids is not None:
        clocks = clocks.filter(team_id__in=team_ids)
    if kind:
        clocks = clocks.filter(kind=kind)
    return clocks


def open_work(scope, *, now: dt.datetime, kind: str = "") -> list[OpenWork]:
    """One row per team in the scope (teams without open work included), in name order.

    Counting ``due_at`` (never empty) reads no column outside the index on running clocks: on
    PostgreSQL the counts come from an index-only scan, however many clocks have stopped."""
    counting = Q(paused_at__isnull=True)
    rows = (
        open_clocks(team_ids=scope.team_ids, kind=kind)
        .values("team_id")
        .annotate(
            due_today=Count(
                "due_at", filter=counting & Q(due_at__gte=now, due_at__lt=start_of_tomorrow(now))
            ),
            overdue=Count("due_at", filter=counting & Q(due_at__lt=now)),
            waiting=Count("due_at", filter=Q(paused_at__isnull=False)),
            warned=Count("due_at", filter=counting & Q(warned_at__isnull=False, due_at__gte=now)),
        )
        .order_by()
    )
    counts = {row.pop("team_id"): row for row in rows}
    result = [OpenWork(team.pk, team.name, **counts.get(team.pk, {})) for team in scope.teams]
    if scope.all_teams and None in counts:
        result.append(OpenWork(None, scope.name(None), **counts[None]))
    return result

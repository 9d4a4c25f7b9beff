"""Per team and channel: the share handled within the norm and the median handling time, per
week (last 8) and per month (last 6), measured on the one norm clock.

A clock counts in the period it stopped in; it met its norm when ``stopped_at <= due_at``.
The handling time is ``stopped_at - started_at`` in calendar time. Everything is aggregated
in SQL with a fixed number of queries, however many clocks there are: the shares with one
GROUP BY, each median with a window query that returns only the middle row(s) of each group
(portable: PostgreSQL and SQLite both rank rows in a window).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, Window
from django.db.models.functions import RowNumber, TruncMonth, TruncWeek
from django.utils import timezone

from contacts.backoffice import dashboard
from contacts.constants import Channel
from contacts.models import NormClock

WEEKS = 8
MONTHS = 6
NO_CHANNEL = "Geen kanaal"
_CHANNEL_ORDER = {value: index for index, value in enumerate(Channel.values)}


@dataclass
class Cell:
    total: int = 0
    met: int = 0
    median: dt.timedelta | None = None

    @property
    def share(self) -> float | None:
        return 100 * self.met / self.total if self.total else None

    @property
    def share_text(self) -> str:
        return "–" if self.share is None else f"{self.share:.0f}%"

    @property
    def median_text(self) -> str:
        return human_duration(self.median)

    def add(self, total: int, met: int) -> None:
        self.total += total
        self.met += met


@dataclass
class ChannelRow:
    """One team and channel: a cell per week and per month (aligned with the periods of
    ``NormFigures``) and the totals over all of them."""

    team_id: int | None
    channel: str
    weeks: list[Cell]
    months: list[Cell]
    weeks_total: Cell
    months_total: Cell

    @property
    def channel_label(self) -> str:
        return channel_label(self.channel)

    @property
    def weeks_and_total(self) -> list[Cell]:
        return [*self.weeks, self.weeks_total]

    @property
    def months_and_total(self) -> list[Cell]:
        return [*self.months, self.months_total]


@dataclass
class NormFigures:
    weeks: list[dt.date]
    months: list[dt.date]
    rows: list[ChannelRow]
    computed_at: dt.datetime

    def for_teams(self, team_ids: list[int] | None) -> list[ChannelRow]:
        if team_ids is None:
            return self.rows
        return [row for row in self.rows if row.team_id in team_ids]


def channel_label(channel: str) -> str:
    return str(Channel(channel).label) if channel in Channel.values else NO_CHANNEL


def periods(now: dt.datetime) -> tuple[list[dt.date], list[dt.date]]:
    """The first days of the last WEEKS weeks and MONTHS months, this one included."""
    today = timezone.localtime(now).date()
    monday = today - dt.timedelta(days=today.weekday())
    weeks = [monday - dt.timedelta(weeks=back) for back in range(WEEKS - 1, -1, -1)]
    months = []
    year, month = today.year, today.month
    for _ in range(MONTHS):
        months.insert(0, dt.date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return weeks, months


def _midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


def _day(value) -> dt.date:
    return timezone.localtime(value).date() if isinstance(value, dt.datetime) else value


def _stopped(*, since: dt.date, kind: str):
    clocks = NormClock.objects.filter(stopped_at__gte=_midnight(since))
    return clocks.filter(kind=kind) if kind else clocks


_MET = Q(stopped_at__lte=F("due_at"))
_DURATION = ExpressionWrapper(F("stopped_at") - F("started_at"), output_field=DurationField())


def _medians(clocks, *, period=None) -> dict[tuple, dt.timedelta]:
    """The median duration per (team, channel[, period]): rank the rows of each group by
    duration and keep the middle one (odd count) or two (even count)."""
    partition = [F("team_id"), F("channel")] + ([period] if period is not None else [])
    ranked = clocks.annotate(
        duration=_DURATION,
        position=Window(RowNumber(), partition_by=partition, order_by=F("duration").asc()),
        size=Window(Count("pk"), partition_by=partition),
    )
    if period is not None:
        ranked = ranked.annotate(period=period)
    middle = ranked.filter(position__gte=(F("size") + 1) / 2, position__lte=(F("size") + 2) / 2)
    fields = ["team_id", "channel"] + (["period"] if period is not None else [])
    found: dict[tuple, list[dt.timedelta]] = defaultdict(list)
    for row in middle.values_list(*fields, "duration"):
        key = row[:2] + ((_day(row[2]),) if period is not None else ())
        found[key].append(row[-1])
    return {key: sum(values, dt.timedelta()) / len(values) for key, values in found.items()}


class _Builder:
    """Collects cells per (team, channel) while the queries come in."""

    def __init__(self):
        self.weeks: dict[tuple, dict[dt.date, Cell]] = defaultdict(lambda: defaultdict(Cell))
        self.months: dict[tuple, dict[dt.date, Cell]] = defaultdict(lambda: defaultdict(Cell))
        self.weeks_total: dict[tuple, Cell] = defaultdict(Cell)
        self.months_total: dict[tuple, Cell] = defaultdict(Cell)

    def rows(self, weeks, months) -> list[ChannelRow]:
        keys = sorted(
            set(self.months_total) | set(self.weeks_total),
            key=lambda k: (k[0] is None, k[0] or 0, _CHANNEL_ORDER.get(k[1], 99)),
        )
        return [
            ChannelRow(
                team_id=key[0],
                channel=key[1],
                weeks=[self.weeks[key].get(week) or Cell() for week in weeks],
                months=[self.months[key].get(month) or Cell() for month in months],
                weeks_total=self.weeks_total.get(key) or Cell(),
                months_total=self.months_total.get(key) or Cell(),
            )
            for key in keys
        ]


def compute(*, now: dt.datetime, kind: str = "") -> NormFigures:
    """The figures for every team (5 queries)."""
    weeks, months = periods(now)
    build = _Builder()

    in_months = _stopped(since=months[0], kind=kind)
    counts = (
        in_months.annotate(week=TruncWeek("stopped_at"), month=TruncMonth("stopped_at"))
        .values("team_id", "channel", "week", "month")
        .annotate(total=Count("pk"), met=Count("pk", filter=_MET))
        .order_by()
    )
    for entry in counts:
        key = (entry["team_id"], entry["channel"])
        week, month = _day(entry["week"]), _day(entry["month"])
        build.months[key][month].add(entry["total"], entry["met"])
        build.months_total[key].add(entry["total"], entry["met"])
        if week >= weeks[0]:
            build.weeks[key][week].add(entry["total"], entry["met"])
            build.weeks_total[key].add(entry["total"], entry["met"])

    in_weeks = _stopped(since=weeks[0], kind=kind)
    for (*key, week), median in _medians(in_weeks, period=TruncWeek("stopped_at")).items():
        build.weeks[tuple(key)][week].median = median
    for (*key, month), median in _medians(in_months, period=TruncMonth("stopped_at")).items():
        build.months[tuple(key)][month].median = median
    for key, median in _medians(in_weeks).items():
        build.weeks_total[key].median = median
    for key, median in _medians(in_months).items():
        build.months_total[key].median = median
    return NormFigures(weeks, months, build.rows(weeks, months), now)


def norm_figures(*, now: dt.datetime, kind: str = "", refresh: bool = False) -> NormFigures:
    """The figures from the cache (computed when missing, or when ``refresh``)."""
    today = timezone.localtime(now).date()
    return dashboard.cached(
        "norms", (kind or "all", today), lambda: compute(now=now, kind=kind), refresh=refresh
    )


def human_duration(value: dt.timedelta | None) -> str:
    """ "45 min", "3,5 uur", "2,1 dagen"; "–" when there is nothing to measure."""
    if value is None:
        return "–"
    minutes = value.total_seconds() / 60
    if minutes < 60:
        return f"{round(minutes)} min"
    if minutes < 48 * 60:
        return f"{minutes / 60:.1f} uur".replace(".", ",")
    return f"{minutes / 1440:.1f} dagen".replace(".", ",")

"""The one norm clock: when an answer is due, how much of the time has passed, and whether a
norm was met — for contact moments, tasks and cases alike.

A norm is an amount of working days, office hours or weeks (dienstverleningsconcept, bijlage
1). Day-based norms end at closing time on the last day. The clock pauses while the
municipality waits for the resident: a pause adds the working time it covered to the budget.
Working time is measured on the municipality's calendar: weekends, public holidays and
closing days that staff enter (``ClosingDay``) do not count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.core.cache import cache
from django.utils import timezone

from contacts.calendar import OFFICE_CLOSES, WorkCalendar
from contacts.constants import NormUnit

WARN_FRACTION = 0.8
# The closing days staff entered and the norm of every channel: small, read on every clock
# started, changed rarely (contacts.signals clears it when they change; the minute's expiry
# bounds what a missed clear, a read racing the change's commit or Redis away for a moment,
# can keep). Plain values (dates, numbers), so any version of the code can read them.
_SETTINGS_KEY = "contacts:norm-settings:v1"
_SETTINGS_SECONDS = 60


@dataclass(frozen=True)
class Norm:
    amount: int
    unit: str

    def __str__(self):
        if self.amount == 1:
            singular = {
                NormUnit.WORKING_DAYS: "werkdag",
                NormUnit.OFFICE_HOURS: "kantooruur",
                NormUnit.WEEKS: "week",
            }
            return f"1 {singular[NormUnit(self.unit)]}"
        return f"{self.amount} {NormUnit(self.unit).label}"


Pause = tuple[dt.datetime, dt.datetime | None]


@dataclass(frozen=True)
class NormSettings:
    calendar: WorkCalendar
    # {channel: its service norm}; a channel without one has no answer date.
    channel_norms: dict[str, Norm]


_pinned: ContextVar[NormSettings | None] = ContextVar("norm_settings", default=None)


def _norm_settings() -> NormSettings:
    pinned = _pinned.get()
    if pinned is not None:
        return pinned
    stored = cache.get(_SETTINGS_KEY)
    if stored is None:
        from contacts.models import ClosingDay, ServiceNorm

        stored = (
            frozenset(ClosingDay.objects.values_list("date", flat=True)),
            {
                channel: (amount, unit)
                for channel, amount, unit in ServiceNorm.objects.values_list(
                    "channel", "amount", "unit"
                )
            },
        )
        cache.set(_SETTINGS_KEY, stored, _SETTINGS_SECONDS)
    closed, channel_norms = stored
    return NormSettings(
        calendar=WorkCalendar(closed),
        channel_norms={channel: Norm(*norm) for channel, norm in channel_norms.items()},
    )


def work_calendar() -> WorkCalendar:
    """The calendar with the closing days staff entered (cached; cleared when they change)."""
    return _norm_settings().calendar


def channel_norm(channel: str) -> Norm | None:
    """The service norm of a channel (``ServiceNorm``), or None when it has none (cached;
    cleared when a norm changes)."""
    return _norm_settings().channel_norms.get(channel)


@contextmanager
def one_calendar() -> Iterator[WorkCalendar]:
    """Read the calendar and the channel norms once for every clock started in this block (a
    submitted form starts two), instead of once per clock."""
    if _pinned.get() is not None:
        yield _pinned.get().calendar
        return
    token = _pinned.set(_norm_settings())
    try:
        yield _pinned.get().calendar
    finally:
        _pinned.reset(token)


def norm_settings_changed() -> None:
    """Closing days or service norms changed: the next clock reads them again."""
    cache.delete(_SETTINGS_KEY)


def _end_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, OFFICE_CLOSES))


def due_at(
    norm: Norm,
    start: dt.datetime,
    *,
    pauses: Iterable[Pause] = (),
    now: dt.datetime | None = None,
    calendar: WorkCalendar | None = None,
) -> dt.datetime:
    """When the answer is due: the norm counted from ``start``, plus the paused time.

    An open pause counts up to ``now``: while the clock is paused, the due time moves on.
    """
    calendar = calendar or work_calendar()
    now = now or timezone.now()
    pauses = [(begin, end or now) for begin, end in pauses]
    if norm.unit == NormUnit.OFFICE_HOURS:
        paused = sum(
            (calendar.office_time_between(begin, end) for begin, end in pauses), dt.timedelta()
        )
        return calendar.add_office_time(start, dt.timedelta(hours=norm.amount) + paused)
    start_day = timezone.localtime(start).date()
    paused_days = sum(
        calendar.working_days_between(
            timezone.localtime(begin).date(), timezone.localtime(end).date()
        )
        for begin, end in pauses
    )
    if norm.unit == NormUnit.WEEKS:
        # Calendar weeks, stretched by the closing days staff entered in that period and by
        # the pauses; a due date on a day off moves to the next working day.
        last = start_day + dt.timedelta(weeks=norm.amount)
        closed = sum(1 for day in calendar.closed if start_day < day <= last)
        last = (
            calendar.add_working_days(last, closed + paused_days) if closed or paused_days else last
        )
        return _end_of(calendar.next_working_day(last))
    return _end_of(calendar.add_working_days(start_day, norm.amount + paused_days))


def elapsed_fraction(
    start: dt.datetime,
    due: dt.datetime,
    *,
    now: dt.datetime,
    pauses: Iterable[Pause] = (),
    calendar: WorkCalendar | None = None,
) -> float:
    """How much of the norm's working time has passed, paused time not counted (0.0 - 1.0+)."""
    calendar = calendar or work_calendar()
    paused = sum(
        (calendar.office_time_between(begin, end or now) for begin, end in pauses), dt.timedelta()
    )
    budget = calendar.office_time_between(start, due) - paused
    if budget <= dt.timedelta():
        return 1.0
    used = calendar.office_time_between(start, now) - paused
    return max(used, dt.timedelta()) / budget

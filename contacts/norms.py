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
_CLOSING_DAYS_KEY = "contacts:closing-days"
_pinned_calendar: ContextVar[WorkCalendar | None] = ContextVar("work_calendar", default=None)


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


def work_calendar() -> WorkCalendar:
    """The calendar with the closing days staff entered (cached; cleared when they change)."""
    pinned = _pinned_calendar.get()
    if pinned is not None:
        return pinned
    closed = cache.get(_CLOSING_DAYS_KEY)
    if closed is None:
        from contacts.models import ClosingDay

        closed = frozenset(ClosingDay.objects.values_list("date", flat=True))
        cache.set(_CLOSING_DAYS_KEY, closed, 300)
    return WorkCalendar(closed)


@contextmanager
def one_calendar() -> Iterator[WorkCalendar]:
    """Read the calendar once for every clock started in this block (a submitted form
    starts two), instead of once per clock."""
    if _pinned_calendar.get() is not None:
        yield _pinned_calendar.get()
        return
    token = _pinned_calendar.set(work_calendar())
    try:
        yield _pinned_calendar.get()
    finally:
        _pinned_calendar.reset(token)


def closing_days_changed() -> None:
    cache.delete(_CLOSING_DAYS_KEY)


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

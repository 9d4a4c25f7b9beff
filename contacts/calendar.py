"""Working days and office hours of the municipality.

Service norms count working days (Monday to Friday, Dutch public holidays, Bevrijdingsdag when
``LIBERATION_DAY_OFF`` is set, and closing days that staff enter, excluded) and, for social
media, office hours. Everything here works in the local time zone. ``WorkCalendar`` holds one
set of closing days; the module functions use one without closing days.
"""

import datetime as dt
from functools import lru_cache

import holidays
from django.conf import settings
from django.utils import timezone

OFFICE_OPENS = dt.time(8, 30)
OFFICE_CLOSES = dt.time(17, 0)


@lru_cache(maxsize=8)
def _holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("NL", years=year)


def is_public_holiday(day: dt.date) -> bool:
    if day.month == 5 and day.day == 5 and getattr(settings, "LIBERATION_DAY_OFF", True):
        return True
    return day in _holidays(day.year)


def _aware(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))


class WorkCalendar:
    def __init__(self, closed: frozenset[dt.date] = frozenset()):
        self.closed = closed

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and not is_public_holiday(day) and day not in self.closed

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The date ``days`` working days after ``start`` (``start`` itself does not count)."""
        day = start
        remaining = days
        while remaining > 0:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end``."""
        count, day = 0, start
        while day < end:
            day += dt.timedelta(days=1)
            count += self.is_working_day(day)
        return count

    def next_working_day(self, day: dt.date) -> dt.date:
        """``day`` itself when it is a working day, else the first one after it."""
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def add_office_time(self, start: dt.datetime, span: dt.timedelta) -> dt.datetime:
        """The moment ``span`` of office time after ``start``, skipping evenings and days off."""
        current = timezone.localtime(start)
        remaining = span
        while True:
            day = current.date()
            opens, closes = _aware(day, OFFICE_OPENS), _aware(day, OFFICE_CLOSES)
            if self.is_working_day(day) and current < closes:
                current = max(current, opens)
                available = closes - current
                if remaining <= available:
                    return current + remaining
                remaining -= available
            current = _aware(day + dt.timedelta(days=1), OFFICE_OPENS)

    def office_time_between(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        """Office time from ``start`` to ``end`` (zero when ``end`` is not later)."""
        total = dt.timedelta()
        current = timezone.localtime(start)
        end = timezone.localtime(end)
        while current < end:
            day = current.date()
            opens, closes = _aware(day, OFFICE_OPENS), _aware(day, OFFICE_CLOSES)
            if self.is_working_day(day):
                low, high = max(current, opens), min(end, closes)
                if high > low:
                    total += high - low
            current = _aware(day + dt.timedelta(days=1), dt.time(0, 0))
        return total


_DEFAULT = WorkCalendar()


def is_working_day(day: dt.date) -> bool:
    return _DEFAULT.is_working_day(day)


def add_working_days(start: dt.date, days: int) -> dt.date:
    return _DEFAULT.add_working_days(start, days)


def end_of_day(day: dt.date) -> dt.datetime:
    return _aware(day, OFFICE_CLOSES)


def add_office_hours(start: dt.datetime, hours: int) -> dt.datetime:
    return _DEFAULT.add_office_time(start, dt.timedelta(hours=hours))

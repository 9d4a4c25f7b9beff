"""Working days and office hours of the municipality.

Service norms count working days (Monday to Friday, Dutch public holidays excluded) and,
for social media, office hours. Everything here works in the local time zone.
"""

import datetime as dt
from functools import lru_cache

import holidays
from django.utils import timezone

OFFICE_OPENS = dt.time(8, 30)
OFFICE_CLOSES = dt.time(17, 0)


@lru_cache(maxsize=8)
def _holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("NL", years=year)


def is_public_holiday(day: dt.date) -> bool:
    return day in _holidays(day.year)


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and not is_public_holiday(day)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date ``days`` working days after ``start`` (``start`` itself does not count)."""
    day = start
    remaining = days
    while remaining > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def end_of_day(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, OFFICE_CLOSES))


def add_office_hours(start: dt.datetime, hours: int) -> dt.datetime:
    """The moment ``hours`` office hours after ``start``, skipping evenings and days off."""
    current = timezone.localtime(start)
    remaining = dt.timedelta(hours=hours)
    while True:
        day = current.date()
        opens = timezone.make_aware(dt.datetime.combine(day, OFFICE_OPENS))
        closes = timezone.make_aware(dt.datetime.combine(day, OFFICE_CLOSES))
        if is_working_day(day) and current < closes:
            current = max(current, opens)
            available = closes - current
            if remaining <= available:
                return current + remaining
            remaining -= available
        next_day = day + dt.timedelta(days=1)
        current = timezone.make_aware(dt.datetime.combine(next_day, OFFICE_OPENS))

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from contacts import calendar

AMS = ZoneInfo("Europe/Amsterdam")


def local(*args):
    return dt.datetime(*args, tzinfo=AMS)


@pytest.mark.parametrize(
    "day",
    [
        dt.date(2026, 11, 30),  # Monday
        dt.date(2026, 12, 2),  # Wednesday
        dt.date(2026, 12, 4),  # Friday
        dt.date(2026, 12, 24),  # Christmas Eve is an ordinary working day
        dt.date(2026, 4, 28),  # the day after Koningsdag
    ],
)
def test_weekdays_that_are_not_holidays_are_working_days(day):
    assert calendar.is_working_day(day)


@pytest.mark.parametrize(
    "day",
    [
        dt.date(2026, 11, 28),  # Saturday
        dt.date(2026, 11, 29),  # Sunday
    ],
)
def test_weekends_are_not_working_days(day):
    assert not calendar.is_working_day(day)


@pytest.mark.parametrize(
    "day",
    [
        dt.date(2026, 1, 1),  # Nieuwjaarsdag (Thursday)
        dt.date(2027, 1, 1),  # Nieuwjaarsdag (Friday)
        dt.date(2026, 4, 6),  # Tweede Paasdag (Monday)
        dt.date(2026, 4, 27),  # Koningsdag (Monday)
        dt.date(2026, 5, 14),  # Hemelvaartsdag (Thursday)
        dt.date(2026, 5, 25),  # Tweede Pinksterdag (Monday)
        dt.date(2026, 12, 25),  # Eerste Kerstdag (Friday)
        dt.date(2026, 12, 26),  # Tweede Kerstdag (Saturday)
        dt.date(2025, 12, 25),  # Eerste Kerstdag (Thursday)
        dt.date(2025, 12, 26),  # Tweede Kerstdag (Friday)
    ],
)
def test_dutch_public_holidays_are_not_working_days(day):
    assert not calendar.is_working_day(day)


def test_one_working_day_after_friday_is_monday():
    assert calendar.add_working_days(dt.date(2026, 12, 4), 1) == dt.date(2026, 12, 7)


def test_five_working_days_from_a_saturday_is_the_next_friday():
    assert calendar.add_working_days(dt.date(2026, 11, 28), 5) == dt.date(2026, 12, 4)


def test_start_day_itself_does_not_count():
    assert calendar.add_working_days(dt.date(2026, 12, 1), 1) == dt.date(2026, 12, 2)
    assert calendar.add_working_days(dt.date(2026, 12, 1), 0) == dt.date(2026, 12, 1)


def test_working_days_skip_koningsdag():
    # Friday 24 April 2026 -> Monday 27 April is Koningsdag -> Tuesday 28 April.
    assert calendar.add_working_days(dt.date(2026, 4, 24), 1) == dt.date(2026, 4, 28)


def test_working_days_skip_christmas():
    # Thursday 24 Dec 2026 -> Friday 25 (Kerst), weekend -> Monday 28 Dec.
    assert calendar.add_working_days(dt.date(2026, 12, 24), 1) == dt.date(2026, 12, 28)
    # Christmas 2025 falls on Thursday and Friday.
    assert calendar.add_working_days(dt.date(2025, 12, 24), 1) == dt.date(2025, 12, 29)


def test_working_days_skip_nieuwjaarsdag_across_the_year_boundary():
    # Thursday 31 Dec 2026 -> Friday 1 Jan 2027 is Nieuwjaarsdag -> Monday 4 Jan 2027.
    assert calendar.add_working_days(dt.date(2026, 12, 31), 1) == dt.date(2027, 1, 4)


def test_end_of_day_is_closing_time_in_local_time():
    assert calendar.end_of_day(dt.date(2026, 12, 4)) == local(2026, 12, 4, 17, 0)


def test_office_hours_within_one_day():
    assert calendar.add_office_hours(local(2026, 12, 1, 10, 0), 2) == local(2026, 12, 1, 12, 0)


def test_office_hours_from_friday_afternoon_continue_on_monday():
    result = calendar.add_office_hours(local(2026, 12, 4, 16, 30), 2)

    assert result == local(2026, 12, 7, 10, 0)
    assert result.tzinfo is not None
    assert (result.hour, result.minute) == (10, 0)


def test_office_hours_skip_the_evening():
    # Tuesday 20:00 is after closing: counting starts Wednesday 08:30.
    assert calendar.add_office_hours(local(2026, 12, 1, 20, 0), 2) == local(2026, 12, 2, 10, 30)


def test_office_hours_before_opening_start_at_opening():
    assert calendar.add_office_hours(local(2026, 12, 1, 7, 0), 1) == local(2026, 12, 1, 9, 30)


def test_office_hours_from_the_weekend_start_on_monday_morning():
    assert calendar.add_office_hours(local(2026, 11, 28, 11, 0), 2) == local(2026, 11, 30, 10, 30)


def test_office_hours_skip_christmas():
    # Thursday 24 Dec 16:00 + 2h: 1h on Thursday, then Kerst and the weekend, 1h on Monday.
    assert calendar.add_office_hours(local(2026, 12, 24, 16, 0), 2) == local(2026, 12, 28, 9, 30)


def test_office_hours_count_in_local_time_for_utc_input():
    # 15:30 UTC on Friday 4 Dec 2026 is 16:30 in Amsterdam.
    start = dt.datetime(2026, 12, 4, 15, 30, tzinfo=dt.UTC)

    result = calendar.add_office_hours(start, 2)

    assert result == local(2026, 12, 7, 10, 0)


def test_office_hours_across_the_switch_to_summer_time():
    # Summer time starts Sunday 29 March 2026; Monday morning is still 10:00 local.
    assert calendar.add_office_hours(local(2026, 3, 27, 16, 30), 2) == local(2026, 3, 30, 10, 0)

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from contacts.constants import Channel, NormUnit
from contacts.models import ServiceNorm

AMS = ZoneInfo("Europe/Amsterdam")
# Norms read the closing days staff entered.
pytestmark = pytest.mark.django_db


def local(*args):
    return dt.datetime(*args, tzinfo=AMS)


def norm(amount, unit, channel=Channel.PHONE):
    return ServiceNorm(channel=channel, amount=amount, unit=unit)


def test_working_days_norm_ends_at_closing_time():
    # Friday 4 Dec 2026 + 2 working days -> Tuesday 8 Dec 17:00.
    due = norm(2, NormUnit.WORKING_DAYS).due_at(local(2026, 12, 4, 10, 0))

    assert due == local(2026, 12, 8, 17, 0)


def test_working_days_norm_skips_holidays():
    # Thursday 24 Dec 2026 + 2 working days: Kerst and the weekend -> Tuesday 29 Dec.
    due = norm(2, NormUnit.WORKING_DAYS).due_at(local(2026, 12, 24, 10, 0))

    assert due == local(2026, 12, 29, 17, 0)


def test_working_days_norm_counts_from_the_local_date():
    # 23:30 UTC on Sunday 29 Nov is already Monday 30 Nov 00:30 in Amsterdam.
    start = dt.datetime(2026, 11, 29, 23, 30, tzinfo=dt.UTC)

    due = norm(2, NormUnit.WORKING_DAYS).due_at(start)

    assert due == local(2026, 12, 2, 17, 0)


def test_weeks_norm():
    # Monday 30 Nov 2026 + 6 weeks -> Monday 11 Jan 2027 at closing time.
    due = norm(6, NormUnit.WEEKS, Channel.POST).due_at(local(2026, 11, 30, 9, 0))

    assert due == local(2027, 1, 11, 17, 0)


def test_office_hours_norm():
    due = norm(2, NormUnit.OFFICE_HOURS, Channel.SOCIAL).due_at(local(2026, 12, 4, 16, 30))

    assert due == local(2026, 12, 7, 10, 0)


def test_office_hours_norm_within_the_day():
    due = norm(2, NormUnit.OFFICE_HOURS, Channel.SOCIAL).due_at(local(2026, 12, 2, 9, 15))

    assert due == local(2026, 12, 2, 11, 15)


@pytest.mark.django_db
def test_service_norm_reads_as_dutch_text():
    phone = ServiceNorm.objects.get(channel=Channel.PHONE)

    assert str(phone) == "Telefoon: 2 werkdagen"

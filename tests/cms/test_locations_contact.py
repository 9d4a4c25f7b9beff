"""'Contact en openingstijden' and the location page: open now, until when, open again when.

Every time is fixed with time-machine, in Dutch time (Europe/Amsterdam).
"""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils.cache import get_max_age

from cms.models import OpeningException
from tests.cms.factories import (
    ContactPageFactory,
    LocationPageFactory,
    add_weekday_hours,
    make_home,
)

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


def at(*args):
    return time_machine.travel(dt.datetime(*args, tzinfo=AMS), tick=False)


@pytest.fixture
def contact():
    home = make_home()
    page = ContactPageFactory(parent=home)
    winsum = LocationPageFactory(
        parent=page, title="Gemeentehuis Winsum", phone="0595 44 77 77", street="Hoofdstraat W 1"
    )
    add_weekday_hours(winsum)
    bedum = LocationPageFactory(
        parent=page, title="Servicepunt Bedum", city="Bedum", by_appointment_only=True
    )
    add_weekday_hours(bedum, opens=dt.time(9), closes=dt.time(12, 30))
    return page, winsum, bedum


def _office_text(content: str, title: str) -> str:
    """The text of one office's card, tags removed."""
    cards = re.findall(r'<li class="office-card".*?</li>', content, re.S)
    card = next(c for c in cards if title in c)
    inline_removed = re.sub(r"</?(strong|a|span|time)\b[^>]*>", "", card)
    return " ".join(re.sub(r"<[^>]+>", " ", inline_removed).split())


def test_contact_page_lists_every_office_with_address_phone_and_todays_hours(client, contact):
    page, winsum, bedum = contact
    with at(2026, 12, 1, 10, 0):  # a Tuesday morning
        content = client.get(page.url).content.decode()

    text = _office_text(content, "Gemeentehuis Winsum")
    assert "Nu geopend, tot 17.00 uur" in text
    assert "Vandaag 8.30 - 17.00 uur" in text
    assert "Hoofdstraat W 1, 9951 AA Winsum" in text
    assert 'href="tel:0595447777"' in content
    assert f'href="{winsum.url}"' in content
    bedum_text = _office_text(content, "Servicepunt Bedum")
    assert "tot 12.30 uur" in bedum_text and "alleen op afspraak" in bedum_text


def test_at_night_an_office_says_it_opens_tomorrow(client, contact):
    page, *_ = contact
    with at(2026, 12, 1, 22, 30):
        text = _office_text(client.get(page.url).content.decode(), "Gemeentehuis Winsum")
    assert "Nu gesloten. Weer open morgen om 8.30 uur" in text


def test_before_opening_an_office_says_it_opens_today(client, contact):
    page, *_ = contact
    with at(2026, 12, 1, 7, 0):
        text = _office_text(client.get(page.url).content.decode(), "Gemeentehuis Winsum")
    assert "Nu gesloten. Weer open vandaag om 8.30 uur" in text


def test_at_the_weekend_it_opens_on_monday(client, contact):
    page, *_ = contact
    with at(2026, 12, 5, 11, 0):  # Saturday
        text = _office_text(client.get(page.url).content.decode(), "Gemeentehuis Winsum")
    assert "Nu gesloten. Weer open maandag 7 december om 8.30 uur" in text
    assert "Vandaag Gesloten" in text


def test_on_a_public_holiday_it_is_closed_and_opens_after_it(client, contact):
    page, *_ = contact
    with at(2026, 12, 25, 10, 0):  # Christmas, a Friday
        text = _office_text(client.get(page.url).content.decode(), "Gemeentehuis Winsum")
    assert "Nu gesloten. Weer open maandag 28 december om 8.30 uur" in text


@pytest.mark.parametrize("liberation_day_off", [True, False])
def test_on_liberation_day_the_office_follows_the_norm_calendar(
    client, contact, settings, liberation_day_off
):
    # 5 May 2027 is a Wednesday and no lustrum year: the holiday list alone keeps the office
    # open, while the service norms (LIBERATION_DAY_OFF) count it as a day off. A resident
    # must not be told the office is open on a day the municipality does not work.
    settings.LIBERATION_DAY_OFF = liberation_day_off
    page, *_ = contact
    with at(2027, 5, 5, 10, 0):
        text = _office_text(client.get(page.url).content.decode(), "Gemeentehuis Winsum")
    if liberation_day_off:
        # Thursday 6 May 2027 is Hemelvaartsdag.
        assert "Nu gesloten. Weer open vrijdag 7 mei om 8.30 uur" in text
    else:
        assert "Nu geopend" in text


def test_a_closing_day_entered_by_staff_counts(client, contact):
    page, winsum, _ = contact
    OpeningException.objects.create(location=winsum, date=dt.date(2026, 12, 2), closed=True)
    with at(2026, 12, 2, 10, 0):  # a Wednesday the office is closed
        text = _office_text(client.get(page.url).content.decode(), "Gemeentehuis Winsum")
    assert "Nu gesloten. Weer open morgen om 8.30 uur" in text


def test_shorter_hours_on_an_exception_day(client, contact):
    page, winsum, _ = contact
    OpeningException.objects.create(
        location=winsum,
        date=dt.date(2026, 12, 24),
        closed=False,
        opens=dt.time(8, 30),
        closes=dt.time(12),
    )
    with at(2026, 12, 24, 11, 0):
        text = _office_text(client.get(page.url).content.decode(), "Gemeentehuis Winsum")
    assert "Nu geopend, tot 12.00 uur" in text


def test_a_cached_contact_page_is_kept_no_longer_than_the_next_change(client, contact):
    page, *_ = contact
    with at(2026, 12, 1, 12, 0):
        response = client.get(page.url)
    # Bedum closes at 12.30: the first change of all offices.
    assert get_max_age(response) == 30 * 60


def test_location_page_says_when_it_opens_next(client, contact):
    _, winsum, _ = contact
    with at(2026, 12, 4, 18, 0):  # Friday evening
        content = client.get(winsum.url).content.decode()
    status = re.search(r'data-testid="open-status">(.*?)</p>', content, re.S).group(1)
    assert "Weer open maandag 7 december om 8.30 uur" in re.sub(r"<[^>]+>", "", status)


def test_contact_page_without_offices_has_no_empty_list(client):
    page = ContactPageFactory(parent=make_home())
    content = client.get(page.url).content.decode()
    assert "Onze locaties en openingstijden" not in content

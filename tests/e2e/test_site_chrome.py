"""Header logo, footer, contact page, legal pages and the sitemap page in a real browser."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e
AMS = ZoneInfo("Europe/Amsterdam")

PAGES = {
    "contact": "/contact/",
    "location": "/contact/gemeentehuis-winsum/",
    "toegankelijkheidsverklaring": "/toegankelijkheid/",
    "privacyverklaring": "/privacy/",
    "cookieverklaring": "/cookies/",
    "sitemap": "/overzicht/",
    "service on appointment": "/producten-en-diensten/paspoort-en-id-kaart/",
}


@pytest.mark.parametrize("width", [1280, 320])
def test_new_page_types_pass_axe_and_fit_the_screen(demo_site, new_page, assert_accessible, width):
    page = new_page(viewport={"width": width, "height": 800})
    for name, path in PAGES.items():
        response = page.goto(demo_site + path)
        assert response.status == 200, name
        assert_accessible(page, f"{name} at {width}px")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"


def test_logo_leads_home_and_footer_leads_to_legal_pages(demo_site, new_page):
    page = new_page()
    page.goto(demo_site + "/cookies/")

    logo = page.get_by_role("link", name="Gemeente Het Hogeland, naar de homepage")
    expect(logo.get_by_role("img")).to_be_visible()
    assert page.evaluate("() => document.querySelector('.site-header__logo-image').naturalWidth"), (
        "the logo image did not load"
    )

    footer = page.get_by_role("contentinfo")
    expect(footer.get_by_role("link", name="0595 44 77 77")).to_have_attribute(
        "href", "tel:+31595447777"
    )
    expect(footer.get_by_role("link", name="Facebook")).to_be_visible()
    for name, heading in [
        ("Toegankelijkheid", "Toegankelijkheidsverklaring"),
        ("Privacy", "Privacyverklaring"),
        ("Cookies", "Cookieverklaring"),
        ("Overzicht van de website", "Overzicht van de website"),
    ]:
        page.get_by_role("contentinfo").get_by_role("link", name=name, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    logo.click()
    expect(page).to_have_url(demo_site + "/")


def _an_ordinary_tuesday():
    """A Tuesday in the coming week on which Winsum keeps its usual hours (no holiday)."""
    from cms.models import LocationPage

    winsum = LocationPage.objects.get(slug="gemeentehuis-winsum")
    today = dt.date.today()
    for offset in range(1, 8):
        day = today + dt.timedelta(days=offset)
        if day.weekday() == 1 and winsum.hours_on(day) == [(dt.time(8, 30), dt.time(17))]:
            return day
    pytest.skip("no ordinary Tuesday in the coming week")


def test_footer_script_picks_today_and_says_open_or_closed(demo_site, new_page):
    tuesday = _an_ordinary_tuesday()
    page = new_page(timezone_id="Europe/Amsterdam")
    page.clock.set_fixed_time(dt.datetime.combine(tuesday, dt.time(10), tzinfo=AMS))
    page.goto(demo_site + "/")

    office = page.locator(".opening-today__office").filter(has_text="Gemeentehuis Winsum")
    expect(office).to_contain_text("Vandaag: 8.30 - 17.00 uur")
    expect(office).to_contain_text("Nu open, tot 17.00 uur")

    page.clock.set_fixed_time(dt.datetime.combine(tuesday, dt.time(19), tzinfo=AMS))
    page.reload()
    expect(office).to_contain_text("Nu gesloten, weer open morgen om 8.30 uur")


def test_footer_without_javascript_names_the_day(demo_site, new_page):
    page = new_page(java_script_enabled=False)
    page.goto(demo_site + "/")
    office = page.locator(".opening-today__office").filter(has_text="Gemeentehuis Winsum")
    expect(office).to_contain_text(
        re.compile(r"(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag) \d+ \w+:")
    )
    expect(office.locator("[data-opening-status]")).to_be_hidden()


def test_contact_page_lists_the_offices(demo_site, new_page):
    page = new_page()
    page.goto(demo_site + "/contact/")
    offices = page.get_by_test_id("office")
    expect(offices).to_have_count(4)
    expect(offices.first).to_contain_text("Hoofdstraat W 1, 9951 AA Winsum")
    expect(offices.first.get_by_test_id("open-status")).to_contain_text(
        re.compile(r"Nu (geopend|gesloten)")
    )


def test_passport_is_on_appointment_with_one_duration_section(demo_site, new_page):
    page = new_page()
    page.goto(demo_site + "/producten-en-diensten/paspoort-en-id-kaart/")
    expect(page.get_by_role("heading", name="Hoe lang duurt het?")).to_have_count(1)
    expect(page.get_by_test_id("service-duration")).to_have_text(
        "Op afspraak. U kunt uw nieuwe paspoort of ID-kaart na 5 werkdagen ophalen."
    )
    expect(page.get_by_text("werkdagen antwoord")).to_have_count(0)

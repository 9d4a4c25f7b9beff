"""The "Servicenormen" dashboard in a real browser: reached from the menu, figures shown,
axe-core finds nothing (WCAG 2.2 AA)."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from contacts.constants import Channel, ClockKind, NormUnit
from contacts.models import ContactMoment, NormClock, Team
from demo.content import DEMO_PASSWORD
from tests.e2e.animations import settled

pytestmark = pytest.mark.e2e


def _log_in(page, base_url, username):
    page.goto(base_url + "/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def _work(team):
    """A few weeks of work for the team: met, late, open, overdue, waiting."""
    now = timezone.now()
    for day in range(1, 30):
        started = now - dt.timedelta(days=day, hours=3)
        channel = [Channel.PHONE, Channel.EMAIL, Channel.WEB][day % 3]
        NormClock.objects.create(
            kind=[ClockKind.CONTACT, ClockKind.TASK, ClockKind.CASE][day % 3],
            team=team,
            channel=channel,
            norm_amount=2,
            norm_unit=NormUnit.WORKING_DAYS,
            started_at=started,
            due_at=started + dt.timedelta(days=2),
            stopped_at=started + dt.timedelta(hours=day * 3) if day > 3 else None,
            paused_at=started if day == 2 else None,
        )
    for _ in range(6):
        ContactMoment.objects.create(channel=Channel.PHONE, topic="Gladheid", team=team)


def test_dashboard_for_unit_informatie(demo_site, new_page, assert_accessible):
    _work(Team.objects.get(slug="informatie"))
    page = new_page()
    _log_in(page, demo_site, "informatie")

    expect(page.get_by_role("heading", name="Servicenormen")).to_be_visible()  # home panel
    assert_accessible(settled(page), "admin home with the service-norm panel")
    page.get_by_role("link", name="Servicenormen").first.click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Servicenormen")
    expect(page.get_by_role("table", name="Informatie: per week")).to_be_visible()
    expect(
        page.get_by_role("link", name=re.compile("Binnen de norm per week en maand"))
    ).to_be_visible()
    assert_accessible(settled(page), "dashboard")

    page.get_by_label("Soort").select_option(label="Aanvraag")
    page.get_by_role("button", name="Toon cijfers").click()
    expect(page).to_have_url(re.compile(r"soort=case"))
    assert_accessible(settled(page), "dashboard, cases only")


def test_dashboard_for_unit_nieuws_shows_unusual_volume(demo_site, new_page, assert_accessible):
    _work(Team.objects.get(slug="openbare-ruimte"))
    page = new_page()
    _log_in(page, demo_site, "nieuws")

    expect(page.get_by_role("heading", name="Opvallend veel contact")).to_be_visible()
    expect(page.get_by_role("link", name="Melding maken over Gladheid")).to_be_visible()
    assert_accessible(settled(page), "admin home with the volume panel")

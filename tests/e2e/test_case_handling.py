"""A case worker handles a case in the Wagtail admin with the keyboard: takes it, asks the
resident for more information (the clock stops), and closes it with a result. axe-core finds
nothing on the case list and the case screen."""

import re

import pytest
from playwright.sync_api import expect

from demo.content import DEMO_PASSWORD

pytestmark = pytest.mark.e2e


class Keyboard:
    """Moves through the page with Tab and acts with Enter and typing, counting key presses."""

    def __init__(self, page):
        self.page = page
        self.presses = 0

    def press(self, key):
        self.page.keyboard.press(key)
        self.presses += 1

    def type(self, text):
        self.page.keyboard.type(text)
        self.presses += len(text)

    def tab_to(self, locator, limit=150):
        for _ in range(limit):
            self.press("Tab")
            if locator.evaluate("el => el === document.activeElement"):
                return
        raise AssertionError(f"{limit} presses of Tab did not reach {locator}")


@pytest.fixture
def waiting_case(demo_site):
    """A report for team Openbare ruimte from a demo resident, as a form would open it."""
    from cases.models import CaseType
    from cases.services import case_create
    from contacts.models import Resident

    case_type = CaseType.objects.filter(team__slug="openbare-ruimte").order_by("pk").first()
    resident = Resident.objects.get(name="Anna de Vries")
    return case_create(
        case_type=case_type, title="Losse stoeptegel Zuiderstraat", resident=resident
    )


def _log_in(page, keys, base_url):
    page.goto(base_url + "/admin/login/")
    page.locator("#id_username").focus()
    keys.type("openbareruimte")
    keys.press("Tab")
    keys.type(DEMO_PASSWORD)
    keys.press("Enter")
    expect(page).to_have_url(re.compile(r"/admin/$"))


def test_case_worker_takes_asks_and_closes_with_the_keyboard(
    demo_site, waiting_case, new_page, assert_accessible
):
    case = waiting_case
    page = new_page()
    keys = Keyboard(page)
    _log_in(page, keys, demo_site)

    # The case list with the team's queues
    page.goto(demo_site + "/admin/cases/case/")
    expect(page.get_by_role("heading", name="Werkvoorraad")).to_be_visible()
    expect(page.get_by_test_id("queues-openbare-ruimte")).to_be_visible()
    assert_wagtail_accessible(assert_accessible, page, "case list")

    # Find the case by its reference and open it
    keys.tab_to(page.get_by_role("textbox", name="Zoeken"))
    keys.type(case.reference)
    link = page.get_by_role("link", name=case.reference)
    expect(link).to_be_visible()
    keys.tab_to(link)
    keys.press("Enter")
    expect(page.get_by_test_id("admin-case-status")).to_have_text("Ontvangen")
    assert_wagtail_accessible(assert_accessible, page, "case screen")

    # Take it: Omar becomes the resident's contact person
    keys.tab_to(page.get_by_role("button", name="Ik behandel deze aanvraag"))
    keys.press("Enter")
    expect(page.get_by_text(f"U behandelt nu aanvraag {case.reference}.")).to_be_visible()
    expect(page.get_by_test_id("admin-case-handler")).to_have_text("Omar Visser")

    # Ask the resident for a photo: the clock stops
    keys.tab_to(page.locator("summary", has_text="Meer informatie vragen"))
    keys.press("Enter")
    keys.tab_to(page.get_by_label("Wat heeft u nodig van de inwoner?"))
    keys.type("Kunt u een foto sturen van de losse tegel?")
    keys.tab_to(page.get_by_role("button", name="Vraag versturen"))
    keys.press("Enter")
    expect(page.get_by_text("De klok staat stil tot de inwoner reageert.").first).to_be_visible()
    expect(page.get_by_test_id("clock-state")).to_have_text("Klok staat stil")
    expect(page.get_by_test_id("timeline")).to_contain_text("Meer informatie gevraagd")

    # Close it, first without a result
    keys.tab_to(page.locator("summary", has_text="Afronden"))
    keys.press("Enter")
    keys.tab_to(page.get_by_role("button", name="Aanvraag afronden"))
    keys.press("Enter")
    expect(page).to_have_title(re.compile("^Fout: "))
    close_form = page.locator("#action-close")
    expect(close_form.get_by_role("alert")).to_contain_text("Er is een probleem")
    expect(close_form).to_contain_text("Vul het resultaat in.")
    assert_wagtail_accessible(assert_accessible, page, "case screen with an error")
    # The page opens on the field to fix.
    expect(page.get_by_role("textbox", name=re.compile(r"^Resultaat"))).to_be_focused()
    keys.type("Tegel is teruggelegd.")
    keys.press("Enter")

    expect(page.get_by_text(f"Aanvraag {case.reference} is afgerond.")).to_be_visible()
    expect(page.get_by_test_id("admin-case-status")).to_have_text("Afgehandeld")
    expect(page.get_by_test_id("admin-case-result")).to_have_text("Tegel is teruggelegd.")
    expect(page.get_by_role("button", name="Aanvraag afronden")).to_have_count(0)
    print(f"\nCase handled with {keys.presses} key presses")

    case.refresh_from_db()
    assert case.closed_at is not None
    assert case.result == "Tegel is teruggelegd."


def assert_wagtail_accessible(assert_accessible, page, context):
    assert_accessible(page, context)

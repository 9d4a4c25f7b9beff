"""Unit Informatie on the phone: a contact registered with the keyboard alone, turned into a
callback task, claimed and completed; axe-core on the registration screen and the queue."""

import re
import time

import pytest
from playwright.sync_api import expect

from demo.content import DEMO_PASSWORD
from tests.e2e.animations import settled

pytestmark = pytest.mark.e2e

# What a trained employee types in under 30 seconds: at a modest 4 key presses a second
# (about 50 words a minute, pauses included) that is 120 presses.
KEY_PRESS_BUDGET = 120


class Keyboard:
    """Types on the page with the keyboard alone and counts every key press."""

    def __init__(self, page):
        self.page = page
        self.presses = 0

    def press(self, key):
        self.page.keyboard.press(key)
        self.presses += 1

    def type(self, text):
        self.page.keyboard.type(text)
        self.presses += len(text)


def _log_in(page, base_url, username="informatie"):
    page.goto(base_url + "/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def test_phone_contact_registered_with_the_keyboard_then_called_back(
    demo_site, new_page, assert_accessible
):
    page = new_page()
    _log_in(page, demo_site)
    expect(page.get_by_role("link", name=re.compile(r"^Mijn werk \(\d+\)$"))).to_be_visible()

    # The screen opens with the cursor in the search field.
    page.goto(demo_site + "/admin/contact/nieuw/")
    expect(page.get_by_label("Zoek de inwoner")).to_be_focused()
    assert_accessible(settled(page), "registration: search")

    keys = Keyboard(page)
    started = time.monotonic()
    keys.type("Anna de Vries")
    keys.press("Enter")

    # One match: the form, with the resident's requests and contacts beside it.
    expect(page.get_by_role("heading", name="Contact met Anna de Vries")).to_be_visible()
    expect(page.get_by_label("Kanaal")).to_be_focused()
    expect(page.get_by_label("Kanaal")).to_have_value("phone")
    expect(page.get_by_label("Team", exact=True)).to_have_value(re.compile(r"\d+"))
    expect(page.get_by_role("heading", name="Lopende aanvragen")).to_be_visible()
    keys.press("Tab")  # channel: phone, the default
    keys.press("Tab")  # team: the employee's own, the default
    keys.type("Afvalpas kwijt")
    keys.press("Tab")
    keys.type("Wil een nieuwe afvalpas. Graag terugbellen.")
    keys.press("Tab")
    expect(page.get_by_label("Direct beantwoord")).to_be_focused()
    keys.press("ArrowDown")
    expect(page.get_by_label("Terugbellen (taak voor het team)")).to_be_checked()
    keys.press("Enter")

    expect(page.get_by_text("Terugbeltaak voor team Informatie, uiterlijk")).to_be_visible()
    elapsed = time.monotonic() - started
    # Ready for the next caller.
    expect(page.get_by_label("Zoek de inwoner")).to_be_focused()
    print(
        f"\nContact registreren met het toetsenbord: {keys.presses} toetsaanslagen "
        f"(doel: hoogstens {KEY_PRESS_BUDGET}, minder dan 30 seconden typen); "
        f"de browser deed er {elapsed:.1f} s over."
    )
    assert keys.presses <= KEY_PRESS_BUDGET
    assert_accessible(settled(page), "registration: saved")

    # Several matches: a list to pick from, and a new resident to add.
    page.keyboard.type("a")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("resident-hits").get_by_role("link").first).to_be_focused()
    expect(page.get_by_role("heading", name="Nieuwe inwoner")).to_be_visible()
    assert_accessible(settled(page), "registration: several matches")
    page.get_by_label("Zoek de inwoner").focus()
    page.get_by_label("Zoek de inwoner").fill("")

    # The form again, now with the earlier contact in the resident's history; and its errors.
    page.keyboard.type("anna@example.nl")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("recent-contacts")).to_contain_text("Afvalpas kwijt")
    assert_accessible(settled(page), "registration: form with resident panel")
    page.get_by_label("Samenvatting").fill("x" * 1001)
    page.get_by_role("button", name="Contact opslaan").click()
    expect(page).to_have_title(re.compile("^Fout: "))
    summary = page.get_by_role("alert").filter(has_text="Er is een probleem")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("De samenvatting is te lang: maximaal 1000 tekens")
    assert_accessible(settled(page), "registration: errors")

    # The callback is in "Mijn werk"; claim it and complete it.
    page.get_by_role("link", name=re.compile(r"^Mijn werk \(\d+\)$")).click()
    expect(page.get_by_role("heading", name="Mijn werk", level=1)).to_be_visible()
    assert_accessible(settled(page), "task queue")
    row = page.get_by_role("row").filter(has_text="Afvalpas kwijt")
    row.get_by_role("button", name=re.compile("^Oppakken")).click()
    expect(page.get_by_text("U heeft de taak opgepakt.")).to_be_visible()
    expect(page.get_by_test_id("task-assignee")).to_have_text("Ilse Smit")
    expect(page.get_by_test_id("resident-phone")).to_have_text("+31612345678")
    assert_accessible(settled(page), "task")
    outcome = page.get_by_label("Wat is er gebeurd?")
    expect(outcome).to_be_focused()
    page.keyboard.type("Teruggebeld, nieuwe pas aangevraagd.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    expect(
        page.get_by_text("Taak afgerond. Het terugbelgesprek staat bij de contacten.")
    ).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Afvalpas kwijt")).to_have_count(0)


def test_household_found_by_postcode_and_house_number_with_the_keyboard(
    demo_site, new_page, assert_accessible
):
    page = new_page()
    _log_in(page, demo_site)
    page.goto(demo_site + "/admin/contact/nieuw/")
    expect(page.get_by_label("Zoek de inwoner")).to_be_focused()

    keys = Keyboard(page)
    keys.type("9951AA 12")
    keys.press("Enter")

    # The BRP knows two people at the address: Anna (a resident) and Jan, not yet one.
    hits = page.get_by_test_id("resident-hits")
    expect(hits.get_by_role("link", name="Anna de Vries")).to_be_focused()
    expect(hits).to_contain_text("Hoofdstraat 12, Winsum")
    assert "999990044" not in page.content()
    assert_accessible(settled(page), "registration: household from the BRP")
    keys.press("Tab")
    expect(hits.get_by_role("button", name="Jan de Vries")).to_be_focused()
    keys.press("Enter")

    expect(page.get_by_role("heading", name="Contact met Jan de Vries")).to_be_visible()
    expect(page.get_by_label("Kanaal")).to_be_focused()
    expect(page.get_by_test_id("person-panel")).to_contain_text("30 mei 1983")
    assert "999990044" not in page.content()
    assert_accessible(settled(page), "registration: form for a person from the BRP")
    keys.press("Tab")
    keys.press("Tab")
    keys.type("Stoep verzakt")
    keys.press("Tab")
    keys.type("Voor de deur van nummer 12.")
    keys.press("Tab")
    expect(page.get_by_label("Direct beantwoord")).to_be_focused()
    keys.press("Enter")

    expect(
        page.get_by_text("Contact opgeslagen: Stoep verzakt (direct beantwoord).")
    ).to_be_visible()
    expect(page.get_by_label("Zoek de inwoner")).to_be_focused()
    print(f"\nContact via postcode en huisnummer: {keys.presses} toetsaanslagen.")
    assert keys.presses <= KEY_PRESS_BUDGET

    # Jan is a resident now: the same search lists him with a link to his history.
    page.keyboard.type("9951AA 12")
    page.keyboard.press("Enter")
    page.get_by_test_id("resident-hits").get_by_role("link", name="Jan de Vries").click()
    expect(page.get_by_test_id("recent-contacts")).to_contain_text("Stoep verzakt")


def test_registration_works_without_javascript(demo_site, new_page):
    page = new_page(java_script_enabled=False)
    _log_in(page, demo_site)

    page.goto(demo_site + "/admin/contact/nieuw/")
    page.get_by_role("link", name="Anoniem registreren").click()
    expect(page.get_by_role("heading", name="Contact met een anonieme inwoner")).to_be_visible()
    page.get_by_label("Kanaal").select_option(label="Balie")
    page.get_by_label("Team", exact=True).select_option(label="Wmo")
    page.get_by_label("Onderwerp").fill("Rolstoel")
    page.get_by_label("Samenvatting").fill("Vraagt naar een rolstoel voor haar moeder.")
    page.get_by_label("Doorzetten naar vakteam (taak voor het team)").check()
    page.get_by_role("button", name="Contact opslaan").click()

    expect(page.get_by_text("Contact opgeslagen en doorgezet naar team Wmo")).to_be_visible()

"""The thin path from issue #2: public page → form → DigiD → case → staff → resident sees it."""

import re

import pytest
from django.utils import dateformat, timezone, translation
from playwright.sync_api import expect

from contacts.calendar import add_working_days
from demo.content import DEMO_PASSWORD

pytestmark = pytest.mark.e2e


def _expected_due_date():
    with translation.override("nl"):
        return dateformat.format(add_working_days(timezone.localdate(), 5), "l j F Y")


def test_resident_submits_a_report_and_follows_it(demo_site, new_page, assert_accessible):
    page = new_page()

    # Public site: home → service page → "Regel het online"
    page.goto(demo_site + "/")
    assert_accessible(page, "home")
    page.get_by_role("link", name="Melding openbare ruimte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Melding openbare ruimte")
    assert_accessible(page, "service page")
    page.get_by_role("link", name="Regel het online").click()

    # Mock DigiD: first a wrong BSN, then a demo person
    expect(page).to_have_title(re.compile("DigiD"))
    assert_accessible(page, "mock DigiD")
    page.get_by_label("Burgerservicenummer").fill("123456789")
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Dit is geen geldig burgerservicenummer")
    assert_accessible(page, "mock DigiD with error")
    page.get_by_label("Burgerservicenummer").fill("999990019")
    page.get_by_role("button", name="Inloggen", exact=True).click()

    # Step 1, first without answers
    expect(page.get_by_role("heading", level=1)).to_have_text("Wat wilt u melden?")
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
    assert_accessible(page, "form step 1")
    page.get_by_role("button", name="Volgende").click()
    expect(page).to_have_title(re.compile("^Fout: "))
    expect(page.get_by_role("alert")).to_contain_text("Er is een probleem")
    assert_accessible(page, "form step 1 with errors")
    page.get_by_label("Kapotte straatverlichting").check()
    page.get_by_label("Omschrijving").fill("De lantaarnpaal voor nummer 12 brandt niet.")
    page.get_by_role("button", name="Volgende").click()

    # Step 2: e-mail prefilled from the profile
    expect(page.get_by_role("heading", level=1)).to_have_text("Waar is het en hoe bereiken wij u?")
    expect(page.get_by_label("E-mailadres")).to_have_value("anna@example.nl")
    assert_accessible(page, "form step 2")
    page.get_by_label("Locatie").fill("Hoofdstraat 12, Winsum")
    page.get_by_role("button", name="Volgende").click()

    # Check answers, then submit
    expect(page.get_by_role("heading", level=1)).to_have_text("Controleer uw antwoorden")
    expect(page.get_by_text("Hoofdstraat 12, Winsum")).to_be_visible()
    assert_accessible(page, "check answers")
    page.get_by_role("button", name="Verzenden").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Wij hebben uw aanvraag ontvangen")
    reference = page.get_by_test_id("reference").inner_text()
    assert re.fullmatch(r"HH-\d{4}-[34679ACDEFGHJKMNPQRTUVWXY]{6}", reference)
    expect(page.get_by_test_id("due-date")).to_have_text(_expected_due_date())
    assert_accessible(page, "confirmation")

    # Mijn Hogeland lists the case as received
    page.goto(demo_site + "/mijn/")
    expect(page.get_by_test_id(f"status-{reference}")).to_have_text("Ontvangen")
    assert_accessible(page, "portal overview")

    # Staff of Openbare ruimte pick it up in the Wagtail admin
    staff = new_page()
    staff.goto(demo_site + "/admin/")
    staff.locator("#id_username").fill("openbareruimte")
    staff.locator("#id_password").fill(DEMO_PASSWORD)
    staff.locator("form button[type=submit]").click()
    staff.get_by_role("link", name="Aanvragen").first.click()
    staff.get_by_role("link", name=reference).click()
    staff.get_by_label("Nieuwe status").select_option(label="In behandeling")
    staff.get_by_label("Bericht aan de inwoner").fill("We vervangen de lamp deze week.")
    staff.get_by_role("button", name="Status opslaan").click()
    expect(staff.get_by_role("heading", name="Aanvragen")).to_be_visible()

    # The resident reloads and sees the new status and the message
    page.reload()
    expect(page.get_by_test_id(f"status-{reference}")).to_have_text("In behandeling")
    page.get_by_role("link", name="Melding openbare ruimte doen").click()
    expect(page.get_by_test_id("case-status")).to_have_text("In behandeling")
    expect(page.get_by_test_id("event-message")).to_have_text("We vervangen de lamp deze week.")
    assert_accessible(page, "case detail")

    # The staff member's look at the case is in the resident's access log
    page.goto(demo_site + "/mijn/gegevens/")
    expect(page.get_by_role("cell", name="Omar Visser").first).to_be_visible()
    assert_accessible(page, "my data")

    # Logging out ends the session, via the provider, back on the home page
    page.get_by_role("button", name="Uitloggen").click()
    expect(page).to_have_url(demo_site + "/")
    expect(page.get_by_text("U bent uitgelogd.")).to_be_visible()
    page.goto(demo_site + "/mijn/")
    expect(page).to_have_title(re.compile("DigiD"))


def test_cancel_at_digid_returns_home_with_a_message(demo_site, new_page, assert_accessible):
    page = new_page()
    page.goto(demo_site + "/mijn/")

    page.get_by_role("button", name="Annuleren").click()

    expect(page).to_have_url(demo_site + "/")
    expect(page.get_by_role("status")).to_contain_text(
        "U heeft het inloggen met DigiD geannuleerd."
    )
    assert_accessible(page, "home with message")

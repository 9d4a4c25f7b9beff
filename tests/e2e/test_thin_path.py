"""The thin path from issue #2: public page → form → DigiD → case → staff → resident sees it."""

import datetime as dt
import re

import pytest
from django.utils import dateformat, timezone, translation
from playwright.sync_api import expect

from contacts.calendar import add_working_days
from demo.content import DEMO_PASSWORD

pytestmark = pytest.mark.e2e

# A 1x1 pixel PNG: the smallest photo a resident can add to a report.
PIXEL_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def _expected_due_date():
    with translation.override("nl"):
        return dateformat.format(add_working_days(timezone.localdate(), 5), "l j F Y")


def _fill_date(page, group_name, date):
    group = page.get_by_role("group", name=group_name)
    group.get_by_label("Dag").fill(str(date.day))
    group.get_by_label("Maand").fill(str(date.month))
    group.get_by_label("Jaar").fill(str(date.year))


def _log_in_with_digid(page, *, level=None, person="Anna de Vries"):
    if level:
        page.get_by_label(level, exact=True).check()
    page.get_by_role("button", name=re.compile(person)).click()


def test_resident_reports_a_move_and_follows_it(demo_site, new_page, assert_accessible):
    page = new_page()

    # Public site: home → service page → "Regel het online"
    page.goto(demo_site + "/")
    assert_accessible(page, "home")
    page.get_by_role("link", name="Verhuizing doorgeven").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verhuizing doorgeven")
    assert_accessible(page, "service page")
    page.get_by_role("link", name="Regel het online").click()

    # Mock DigiD: first a wrong BSN, then a demo person at level Basis: too low for a move
    expect(page).to_have_title(re.compile("DigiD"))
    assert_accessible(page, "mock DigiD")
    page.get_by_label("Burgerservicenummer").fill("123456789")
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Dit is geen geldig burgerservicenummer")
    assert_accessible(page, "mock DigiD with error")
    _log_in_with_digid(page, level="Basis")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "U moet inloggen met een hoger niveau"
    )
    assert_accessible(page, "assurance too low")
    page.get_by_role("link", name="Opnieuw inloggen met DigiD").click()
    expect(page).to_have_title(re.compile("DigiD"))
    expect(page.get_by_label("Midden", exact=True)).to_be_checked()
    _log_in_with_digid(page)

    # Step 1: the name comes from the BRP and cannot be changed; first without answers. Shown
    # at the form's own URL, the address bar then names the step (forms.js)
    expect(page.get_by_role("heading", level=1)).to_have_text("Wie verhuist er?")
    expect(page).to_have_url(re.compile(r"/verhuizing-doorgeven/doorgeven/stap/s_[0-9a-f]{12}/$"))
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
    expect(page.get_by_label("Uw naam")).to_have_value("Anna de Vries")
    expect(page.get_by_label("Uw naam")).to_be_disabled()
    expect(page.get_by_label("Wie verhuizen er met u mee?")).to_be_hidden()
    assert_accessible(page, "form step 1")
    page.get_by_label("Ja").check()
    expect(page.get_by_label("Wie verhuizen er met u mee?")).to_be_visible()
    page.get_by_role("button", name="Volgende").click()
    expect(page).to_have_title(re.compile("^Fout: "))
    expect(page).to_have_url(re.compile(r"/verhuizing-doorgeven/doorgeven/stap/s_[0-9a-f]{12}/$"))
    expect(page.get_by_role("alert")).to_contain_text("Er is een probleem")
    expect(page.get_by_role("alert")).to_contain_text(
        "Vul een antwoord in bij ‘Wie verhuizen er met u mee?’"
    )
    assert_accessible(page, "form step 1 with errors")
    page.get_by_label("Wie verhuizen er met u mee?").fill("Tom de Vries, 3 maart 2015")
    page.get_by_role("button", name="Volgende").click()

    # Step 2: the new address by postcode and number; a date too far ahead first
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw nieuwe adres")
    assert_accessible(page, "form step 2")
    address = page.get_by_role("group", name="Nieuw adres")
    address.get_by_label("Postcode").fill("9781 AB")
    address.get_by_label("Huisnummer").fill("5")
    today = timezone.localdate()
    _fill_date(page, "Verhuisdatum", today + dt.timedelta(days=60))
    page.get_by_label("Nee").check()
    page.get_by_role("button", name="Volgende").click()
    expect(page.get_by_role("alert")).to_contain_text("De datum mag niet na")
    assert_accessible(page, "form step 2 with errors")
    _fill_date(page, "Verhuisdatum", today + dt.timedelta(days=7))
    page.get_by_role("button", name="Volgende").click()

    # Step 3: e-mail and phone prefilled from the profile; "Vorige stap" goes back
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw contactgegevens")
    expect(page.get_by_label("E-mailadres")).to_have_value("anna@example.nl")
    expect(page.get_by_label("Telefoonnummer (niet verplicht)")).to_have_value("06 12345678")
    assert_accessible(page, "form step 3")
    page.get_by_role("link", name="Vorige stap").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw nieuwe adres")
    expect(address.get_by_label("Postcode")).to_have_value("9781 AB")
    page.get_by_role("button", name="Volgende").click()
    page.get_by_role("button", name="Volgende").click()

    # Check answers, change one, then submit
    expect(page.get_by_role("heading", level=1)).to_have_text("Controleer uw antwoorden")
    expect(page).to_have_url(re.compile(r"/stap/controleren/$"))
    expect(page.get_by_text("Stationsweg 5, 9781 AB Bedum")).to_be_visible()
    assert_accessible(page, "check answers")
    page.get_by_role("link", name="Wijzigen wie verhuizen er met u mee?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wie verhuist er?")
    page.get_by_label("Wie verhuizen er met u mee?").fill("Tom de Vries, 3 maart 2016")
    page.get_by_role("button", name="Volgende").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Controleer uw antwoorden")
    expect(page.get_by_text("Tom de Vries, 3 maart 2016")).to_be_visible()
    page.get_by_role("button", name="Verzenden").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Wij hebben uw melding ontvangen")
    reference = page.get_by_test_id("reference").inner_text()
    assert re.fullmatch(r"HH-\d{4}-[34679ACDEFGHJKMNPQRTUVWXY]{6}", reference)
    expect(page.get_by_test_id("due-date")).to_have_text(_expected_due_date())
    expect(page.get_by_text("Daarna zetten wij uw nieuwe adres in de")).to_be_visible()
    assert_accessible(page, "confirmation")

    # Mijn Hogeland lists the case as received
    page.goto(demo_site + "/mijn/")
    expect(page.get_by_test_id(f"status-{reference}")).to_have_text("Ontvangen")
    assert_accessible(page, "portal overview")

    # Staff of Burgerzaken pick it up in the Wagtail admin
    staff = new_page()
    staff.goto(demo_site + "/admin/")
    staff.locator("#id_username").fill("burgerzaken")
    staff.locator("#id_password").fill(DEMO_PASSWORD)
    staff.locator("form button[type=submit]").click()
    staff.get_by_role("link", name="Aanvragen").first.click()
    staff.get_by_role("link", name=reference).click()
    staff.get_by_label("Nieuwe status").select_option(label="In behandeling")
    staff.get_by_label("Bericht aan de inwoner").fill("We controleren het adres deze week.")
    staff.get_by_role("button", name="Status opslaan").click()
    expect(staff.get_by_test_id("admin-case-status")).to_contain_text("In behandeling")

    # The resident reloads and sees the new status and the message
    page.reload()
    expect(page.get_by_test_id(f"status-{reference}")).to_contain_text("In behandeling")
    page.get_by_role("main").get_by_role("link", name="Verhuizing doorgeven").click()
    expect(page.get_by_test_id("case-status")).to_contain_text("In behandeling")
    expect(page.get_by_test_id("event-message")).to_have_text("We controleren het adres deze week.")
    assert_accessible(page, "case detail")

    # The staff member's look at the case is in the resident's access log
    page.goto(demo_site + "/mijn/gegevens/")
    expect(page.get_by_test_id("access-log")).to_contain_text("Bas Dijkstra")
    assert_accessible(page, "my data")

    # Logging out ends the session, via the provider, back on the home page
    page.get_by_role("button", name="Uitloggen").click()
    expect(page).to_have_url(demo_site + "/")
    expect(page.get_by_text("U bent uitgelogd.")).to_be_visible()
    page.goto(demo_site + "/mijn/")
    expect(page).to_have_title(re.compile("DigiD"))


def test_anyone_reports_a_broken_street_light_with_a_photo(
    demo_site, new_page, assert_accessible, tmp_path
):
    page = new_page()
    photo = tmp_path / "lantaarnpaal.png"
    photo.write_bytes(PIXEL_PNG)

    page.goto(demo_site + "/")
    page.get_by_role("link", name="Melding openbare ruimte").first.click()
    page.get_by_role("link", name="Regel het online").click()

    # No DigiD: the first step opens straight away
    expect(page.get_by_role("heading", level=1)).to_have_text("Wat wilt u melden?")
    page.get_by_label("Kapotte straatverlichting").check()
    page.get_by_label("Omschrijving").fill("De lantaarnpaal bij het bushokje brandt niet.")
    page.get_by_role("button", name="Volgende").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Heeft u een foto?")
    assert_accessible(page, "photo step")
    photo_question = page.get_by_role("group", name="Foto (niet verplicht)")
    photo_question.locator("input[type=file]").set_input_files(photo)
    page.get_by_role("button", name="Volgende").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Waar is het?")
    assert_accessible(page, "address step")
    address = page.get_by_role("group", name="Adres bij de plek")
    address.get_by_label("Postcode").fill("9951 AA")
    address.get_by_label("Huisnummer").fill("99")
    page.get_by_role("button", name="Volgende").click()
    expect(page.get_by_role("alert")).to_contain_text("We vinden geen adres bij deze postcode")
    address.get_by_label("Huisnummer").fill("12")
    page.get_by_label("Waar precies? (niet verplicht)").fill("Bij het bushokje")
    page.get_by_role("button", name="Volgende").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Hoe houden wij u op de hoogte?")
    page.get_by_label("E-mailadres (niet verplicht)").fill("melder@example.nl")
    page.get_by_role("button", name="Volgende").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Controleer uw antwoorden")
    expect(page.get_by_text("Hoofdstraat 12, 9951 AA Winsum")).to_be_visible()
    expect(page.get_by_text("lantaarnpaal.png")).to_be_visible()
    assert_accessible(page, "check answers without login")
    page.get_by_role("button", name="Verzenden").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Wij hebben uw melding ontvangen")
    expect(page.get_by_text("Bewaar uw kenmerk.")).to_be_visible()
    assert_accessible(page, "confirmation without login")


def test_cancel_at_digid_returns_home_with_a_message(demo_site, new_page, assert_accessible):
    page = new_page()
    page.goto(demo_site + "/mijn/")

    page.get_by_role("button", name="Annuleren").click()

    expect(page).to_have_url(demo_site + "/")
    expect(page.get_by_role("status")).to_contain_text(
        "U heeft het inloggen met DigiD geannuleerd."
    )
    assert_accessible(page, "home with message")

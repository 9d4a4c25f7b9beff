"""Each field type as a resident meets it: what it refuses, how it stores and shows an answer."""

import datetime as dt
import json
import re
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django import forms

from forms_app import field_types
from forms_app.constants import CHECK_STEP
from forms_app.models import Draft, Submission
from forms_app.prefill.address import AddressAdapter, AddressLookupUnavailable
from tests.forms_app.factories import FormPageFactory, field, key_of, step, text_block
from tests.forms_app.wizard_client import Wizard

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


class UnavailableAddressAdapter(AddressAdapter):
    def lookup(self, *, postcode, house_number, addition=""):
        raise AddressLookupUnavailable


# --- helpers ------------------------------------------------------------------------------


def make_form(home, *fields):
    return FormPageFactory(parent=home, steps=json.dumps([step("Uw gegevens", *fields)]))


def name_of(page, label):
    """The input name of a question, as the browser posts it."""
    for step_block in page.steps.raw_data:
        for field_block in step_block["value"]["fields"]:
            if field_block["value"].get("label") == label:
                return f"{key_of(step_block)}-{key_of(field_block)}"
    raise KeyError(label)


def date_input(page, label, day, month, year):
    name = name_of(page, label)
    return {f"{name}_dag": day, f"{name}_maand": month, f"{name}_jaar": year}


def address_input(page, label, postcode, number, addition=""):
    name = name_of(page, label)
    return {
        f"{name}_postcode": postcode,
        f"{name}_huisnummer": number,
        f"{name}_toevoeging": addition,
    }


def submitted_answers(wizard):
    response = wizard.submit()
    assert response.status_code == 302
    return {answer["label"]: answer for answer in Submission.objects.get().answers}


def summary_of(content):
    """The error summary at the top of a step, or an empty string."""
    match = re.search(r'<div class="error-summary.*?</ul>', content, re.S)
    return match[0] if match else ""


def errors_of(content):
    """The texts in the error summary, in order."""
    return re.findall(r'<a class="utrecht-link" href="#[^"]*">([^<]*)</a>', summary_of(content))


class Elements(HTMLParser):
    """The start tags of a page by id, the text right after them, and the summary's anchors."""

    def __init__(self, content):
        super().__init__()
        self.by_id, self._texts, self._last_id = {}, {}, None
        self.feed(content)
        self.summary_targets = re.findall(r'href="#([^"]*)"', summary_of(content))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self._last_id = attrs.get("id")
        if self._last_id:
            self.by_id[self._last_id] = (tag, attrs)

    def handle_data(self, data):
        if self._last_id and self._last_id not in self._texts:
            self._texts[self._last_id] = data.strip()

    def described_by(self, element_id):
        return self.by_id[element_id][1].get("aria-describedby", "").split()

    def text_of(self, element_id):
        return self._texts.get(element_id)


def check_page(wizard):
    assert "Controleer uw antwoorden" in wizard.content, errors_of(wizard.content)
    return wizard.content


def test_change_links_name_the_question_with_its_capitals_kept(client, resident, home):
    # For a screen reader: "Wijzigen bent u bekend bij het UWV?", not "... het uwv?".
    page = make_form(
        home,
        field("Bent u bekend bij het UWV?", "yes_no"),
        field("KvK-nummer", "text"),
    )
    wizard = Wizard(client, page)

    wizard.answer("ja", "12345678")

    content = check_page(wizard)
    assert '<span class="visually-hidden"> bent u bekend bij het UWV?</span>' in content
    assert '<span class="visually-hidden"> KvK-nummer</span>' in content


# --- date ---------------------------------------------------------------------------------


def test_a_date_in_three_inputs_is_stored_as_iso_and_shown_in_dutch(client, resident, home):
    page = make_form(home, field("Datum van verhuizing", "date"), field("Geboortedatum", "date"))
    wizard = Wizard(client, page)

    wizard.post(
        {
            **date_input(page, "Datum van verhuizing", "28", "11", "2026"),
            **date_input(page, "Geboortedatum", "1", "2", "1990"),
        }
    )

    content = check_page(wizard)
    assert "28 november 2026" in content
    assert "1 februari 1990" in content
    answers = submitted_answers(wizard)
    assert answers["Datum van verhuizing"]["value"] == "2026-11-28"
    assert answers["Geboortedatum"]["value"] == "1990-02-01"
    assert answers["Datum van verhuizing"]["type"] == "date"


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("31", "2", "2026", "Deze datum bestaat niet. Controleer de dag en de maand."),
        ("29", "2", "2027", "Deze datum bestaat niet. Controleer de dag en de maand."),
        ("12", "13", "2026", "Deze datum bestaat niet. Controleer de dag en de maand."),
        ("achtentwintig", "11", "2026", "Vul de datum in met cijfers, bijvoorbeeld 28 11 2026."),
        ("28", "nov", "2026", "Vul de datum in met cijfers, bijvoorbeeld 28 11 2026."),
        ("28", "11", "26", "Vul het jaar in met 4 cijfers, bijvoorbeeld 2026."),
        ("28", "", "2026", "Vul ook de maand in."),
        ("", "11", "2026", "Vul ook de dag in."),
        ("28", "11", "", "Vul ook het jaar in."),
        ("", "11", "", "Vul ook de dag en het jaar in."),
    ],
)
def test_a_wrong_date_is_refused_with_what_to_fix(
    client, resident, home, day, month, year, message
):
    page = make_form(home, field("Datum van verhuizing", "date"))
    wizard = Wizard(client, page)

    wizard.post(date_input(page, "Datum van verhuizing", day, month, year))

    assert errors_of(wizard.content) == [message]
    assert "Controleer uw antwoorden" not in wizard.content
    # What the resident typed stays in the inputs to correct it.
    for part in (day, month, year):
        if part:
            assert f'value="{part}"' in wizard.content


@pytest.mark.parametrize(
    ("limits", "entered", "message"),
    [
        ({"future_days": 0}, dt.date(2026, 11, 29), "De datum mag niet in de toekomst liggen."),
        ({"future_days": 0}, dt.date(2026, 11, 28), None),
        ({"future_days": 0}, dt.date(1990, 1, 1), None),
        (
            {"past_days": 5},
            dt.date(2026, 11, 22),
            "De datum mag niet vóór 23 november 2026 liggen.",
        ),
        ({"past_days": 5}, dt.date(2026, 11, 23), None),
        ({"past_days": 5}, dt.date(2030, 1, 1), None),
        ({"past_days": 0}, dt.date(2026, 11, 27), "De datum mag niet in het verleden liggen."),
        ({"future_days": 14}, dt.date(2026, 12, 12), None),
        (
            {"future_days": 14},
            dt.date(2026, 12, 13),
            "De datum mag niet na 12 december 2026 liggen.",
        ),
    ],
)
def test_date_limits_count_from_today(limits, entered, message):
    date_field = field_types.get("date").form_field({"label": "Datum", **limits})
    parts = [str(entered.day), str(entered.month), str(entered.year)]

    with time_machine.travel(dt.datetime(2026, 11, 28, 10, 0, tzinfo=AMSTERDAM), tick=False):
        if message is None:
            assert date_field.clean(parts) == entered
        else:
            with pytest.raises(forms.ValidationError) as refused:
                date_field.clean(parts)
            assert refused.value.messages == [message]


def test_today_is_today_in_the_netherlands_just_after_midnight(client, resident, home):
    page = make_form(home, field("Wanneer zag u het?", "date", future_days=0))
    wizard = Wizard(client, page)

    # 00:30 in Winsum is still the day before in UTC.
    with time_machine.travel(dt.datetime(2026, 11, 28, 0, 30, tzinfo=AMSTERDAM), tick=False):
        wizard.post(date_input(page, "Wanneer zag u het?", "28", "11", "2026"))

    assert "28 november 2026" in check_page(wizard)


def test_a_future_date_is_refused_in_the_wizard(client, resident, home):
    page = make_form(home, field("Wanneer zag u het?", "date", future_days=0))
    wizard = Wizard(client, page)

    with time_machine.travel(dt.datetime(2026, 11, 28, 12, 0, tzinfo=AMSTERDAM), tick=False):
        wizard.post(date_input(page, "Wanneer zag u het?", "29", "11", "2026"))

    assert errors_of(wizard.content) == ["De datum mag niet in de toekomst liggen."]


# --- address ------------------------------------------------------------------------------


def test_a_known_address_is_looked_up_shown_and_stored_as_an_object(client, resident, home):
    page = make_form(home, field("Adres van de melding", "address"))
    wizard = Wizard(client, page)

    wizard.post(address_input(page, "Adres van de melding", "9951 aa", "12"))

    assert "Hoofdstraat 12, 9951 AA Winsum" in check_page(wizard)
    assert submitted_answers(wizard)["Adres van de melding"]["value"] == {
        "postcode": "9951AA",
        "house_number": 12,
        "addition": "",
        "street": "Hoofdstraat",
        "city": "Winsum",
    }


def test_an_address_with_an_addition(client, resident, home):
    page = make_form(home, field("Adres", "address"))
    wizard = Wizard(client, page)

    wizard.post(address_input(page, "Adres", "9781AA", "7", "a"))

    assert "Boterdiep 7 A, 9781 AA Bedum" in check_page(wizard)
    assert submitted_answers(wizard)["Adres"]["value"]["addition"] == "A"


@pytest.mark.parametrize(
    ("postcode", "number", "addition", "message"),
    [
        ("9951", "12", "", "Vul een geldige postcode in, bijvoorbeeld 9951 AA."),
        ("ABCD12", "12", "", "Vul een geldige postcode in, bijvoorbeeld 9951 AA."),
        ("0951AA", "12", "", "Vul een geldige postcode in, bijvoorbeeld 9951 AA."),
        ("9951AA", "12a", "", "Vul een huisnummer in met alleen cijfers, bijvoorbeeld 12."),
        ("9951AA", "twaalf", "", "Vul een huisnummer in met alleen cijfers, bijvoorbeeld 12."),
        ("9951AA", "", "", "Vul een huisnummer in met alleen cijfers, bijvoorbeeld 12."),
        (
            "9951AA",
            "0",
            "",
            "Een huisnummer is 1 of hoger. Vul het huisnummer in, bijvoorbeeld 12.",
        ),
        (
            "9951AA",
            "12",
            "a-1",
            "Vul bij toevoeging alleen letters of cijfers in, bijvoorbeeld A of 2.",
        ),
        (
            "9951AA",
            "99",
            "",
            "We vinden geen adres bij deze postcode en dit huisnummer. Controleer ze.",
        ),
        (
            "1011AB",
            "1",
            "",
            "We vinden geen adres bij deze postcode en dit huisnummer. Controleer ze.",
        ),
    ],
)
def test_a_wrong_address_is_refused_with_what_to_fix(
    client, resident, home, postcode, number, addition, message
):
    page = make_form(home, field("Adres", "address"))
    wizard = Wizard(client, page)

    wizard.post(address_input(page, "Adres", postcode, number, addition))

    assert errors_of(wizard.content) == [message]
    assert f'value="{postcode}"' in wizard.content


def test_an_unavailable_address_service_says_so_and_stores_nothing(
    client, resident, home, settings
):
    settings.FORMS_ADDRESS_ADAPTER = "tests.forms_app.test_field_types.UnavailableAddressAdapter"
    page = make_form(home, field("Adres", "address"))
    wizard = Wizard(client, page)

    wizard.post(address_input(page, "Adres", "9951AA", "12"))

    assert errors_of(wizard.content) == [
        "Het adres kan nu niet worden opgezocht. Probeer het over een paar minuten."
    ]
    assert not Draft.objects.filter(resident=resident).exists()
    check = client.get(wizard.step_url(CHECK_STEP))
    assert check.status_code == 302
    assert check["Location"] == wizard.step_url(key_of(page.steps.raw_data[0]))


# --- number -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entered", "message"),
    [
        ("0", "Vul een getal in van 1 of meer."),
        ("11", "Vul een getal in van 10 of minder."),
        ("drie", "Vul een heel getal in, bijvoorbeeld 3."),
        ("2,5", "Vul een heel getal in, bijvoorbeeld 3."),
    ],
)
def test_a_whole_number_outside_its_limits_is_refused(client, resident, home, entered, message):
    page = make_form(home, field("Aantal vuilniszakken", "number", min_value=1, max_value=10))
    wizard = Wizard(client, page)

    wizard.answer(entered)

    assert errors_of(wizard.content) == [message]


@pytest.mark.parametrize(
    ("entered", "message"),
    [
        ("twaalf", "Vul een getal in, bijvoorbeeld 12,50."),
        ("12,505", "Gebruik maximaal 2 cijfers achter de komma."),
        ("0,50", "Vul een getal in van 1 of meer."),
    ],
)
def test_a_wrong_amount_is_refused(client, resident, home, entered, message):
    page = make_form(home, field("Bedrag", "number", decimals=True, min_value=1))
    wizard = Wizard(client, page)

    wizard.answer(entered)

    assert errors_of(wizard.content) == [message]


def test_numbers_are_stored_as_numbers(client, resident, home):
    page = make_form(
        home,
        field("Aantal vuilniszakken", "number", min_value=1, max_value=10),
        field("Bedrag", "number", decimals=True),
    )
    wizard = Wizard(client, page)

    wizard.answer("7", "12,50")

    check_page(wizard)
    answers = submitted_answers(wizard)
    assert answers["Aantal vuilniszakken"]["value"] == 7
    assert answers["Bedrag"]["value"] == 12.5


@pytest.mark.parametrize(
    ("question", "entered", "stored"),
    [
        (field("Aantal tegels", "number"), "1.000", 1000),
        (field("Aantal tegels", "number", decimals=True), "1.250,50", 1250.5),
        # An amount as people write it.
        (field("Aantal tegels", "number", decimals=True), "€ 1.250,50", 1250.5),
        (field("Aantal tegels", "number", decimals=True), "€\u00a0900,-", 900),
        (field("Aantal tegels", "number"), "€ 900", 900),
        (field("Aantal tegels", "number"), "1.250,-", 1250),
    ],
    ids=["whole", "decimal", "euro", "euro-whole-dash", "euro-whole", "whole-dash"],
)
def test_a_number_with_a_dutch_thousands_dot_keeps_its_value(
    client, resident, home, question, entered, stored
):
    page = make_form(home, question)
    wizard = Wizard(client, page)

    wizard.answer(entered)

    check_page(wizard)
    assert submitted_answers(wizard)["Aantal tegels"]["value"] == stored


# --- phone --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entered", "stored"),
    [
        ("0595 447 777", "+31595447777"),
        ("0595-447777", "+31595447777"),
        ("06 12345678", "+31612345678"),
        ("+31 6 1234 5678", "+31612345678"),
        ("0031612345678", "+31612345678"),
    ],
)
def test_a_dutch_phone_number_is_stored_in_international_form(
    client, resident, home, entered, stored
):
    page = make_form(home, field("Telefoonnummer", "phone"))
    wizard = Wizard(client, page)

    wizard.answer(entered)

    check_page(wizard)
    assert submitted_answers(wizard)["Telefoonnummer"]["value"] == stored


@pytest.mark.parametrize("entered", ["bel me", "12345", "06 1234"])
def test_something_that_is_not_a_phone_number_is_refused(client, resident, home, entered):
    page = make_form(home, field("Telefoonnummer", "phone"))
    wizard = Wizard(client, page)

    wizard.answer(entered)

    assert errors_of(wizard.content) == [
        "Vul een geldig telefoonnummer in, bijvoorbeeld 0595 447 777."
    ]


# --- choices ------------------------------------------------------------------------------


def test_checkboxes_are_stored_as_a_list(client, resident, home):
    page = make_form(
        home, field("Wanneer bent u thuis?", "checkboxes", options="Ochtend\nMiddag\nAvond")
    )
    wizard = Wizard(client, page)

    wizard.post({name_of(page, "Wanneer bent u thuis?"): ["Ochtend", "Avond"]})

    assert "Ochtend, Avond" in check_page(wizard)
    assert submitted_answers(wizard)["Wanneer bent u thuis?"]["value"] == ["Ochtend", "Avond"]


def test_a_checkbox_outside_the_options_is_refused(client, resident, home):
    page = make_form(home, field("Wanneer bent u thuis?", "checkboxes", options="Ochtend\nAvond"))
    wizard = Wizard(client, page)

    wizard.post({name_of(page, "Wanneer bent u thuis?"): ["Ochtend", "Nacht"]})

    assert errors_of(wizard.content) == ["Kies alleen opties uit de lijst."]


def test_yes_and_no_are_stored_as_true_and_false(client, resident, home):
    page = make_form(
        home,
        field("Is er gevaar voor het verkeer?", "yes_no"),
        field("Heeft u dit eerder gemeld?", "yes_no"),
    )
    wizard = Wizard(client, page)

    wizard.answer("ja", "nee")

    content = check_page(wizard)
    assert re.search(r"Is er gevaar voor het verkeer\?</dt>\s*<dd[^>]*>Ja</dd>", content)
    assert re.search(r"Heeft u dit eerder gemeld\?</dt>\s*<dd[^>]*>Nee</dd>", content)
    answers = submitted_answers(wizard)
    assert answers["Is er gevaar voor het verkeer?"]["value"] is True
    assert answers["Heeft u dit eerder gemeld?"]["value"] is False


def test_a_question_left_empty_is_named_as_asked_in_its_error(client, resident, home):
    # "Kies waar gaat uw vraag over" is no Dutch: a question is quoted as it was asked.
    page = make_form(
        home,
        field("Waar gaat uw vraag over?", "radio", options="Afval\nParkeren"),
        field("Wat is uw ziekte of beperking?", "textarea"),
        field("Gebruikt u een hulpmiddel bij het lopen?", "yes_no"),
        field("Soort melding", "radio", options="Lamp\nAfval"),
    )
    wizard = Wizard(client, page)

    wizard.answer("", "", "", "")

    assert errors_of(wizard.content) == [
        "Kies een antwoord bij ‘Waar gaat uw vraag over?’",
        "Vul een antwoord in bij ‘Wat is uw ziekte of beperking?’",
        "Kies ja of nee bij ‘Gebruikt u een hulpmiddel bij het lopen?’",
        # A name, not a question: in the sentence.
        "Kies soort melding",
    ]


def test_a_select_is_stored_as_the_chosen_option(client, resident, home):
    page = make_form(home, field("Woonplaats", "select", options="Winsum\nBedum\nUithuizen"))
    wizard = Wizard(client, page)

    wizard.answer("")
    assert errors_of(wizard.content) == ["Kies woonplaats"]
    wizard.answer("Bedum")

    check_page(wizard)
    assert submitted_answers(wizard)["Woonplaats"]["value"] == "Bedum"


def test_a_declaration_must_be_ticked(client, resident, home):
    label = "Ik heb dit naar waarheid ingevuld"
    page = make_form(home, field(label, "declaration", required=False))
    wizard = Wizard(client, page)

    wizard.post({})
    assert errors_of(wizard.content) == [
        "Vink aan dat u akkoord gaat: ik heb dit naar waarheid ingevuld"
    ]
    assert f"{label} (niet verplicht)" not in wizard.content

    wizard.post({name_of(page, label): "on"})

    assert "Ja, akkoord" in check_page(wizard)
    assert submitted_answers(wizard)[label]["value"] is True


# --- every type -------------------------------------------------------------------------


def test_optional_questions_say_so_and_required_ones_do_not(client, resident, home):
    page = make_form(
        home,
        field("Naam", "text"),
        field("Telefoonnummer", "phone", required=False),
        field("Toelichting", "textarea", required=False),
        field("Wanneer bent u thuis?", "checkboxes", options="Ochtend\nAvond", required=False),
    )
    wizard = Wizard(client, page)

    content = wizard.content
    assert re.search(r">Naam</label>", content)
    assert "Naam (niet verplicht)" not in content
    assert re.search(r">Telefoonnummer \(niet verplicht\)</label>", content)
    assert re.search(r">Toelichting \(niet verplicht\)</label>", content)
    assert re.search(r">Wanneer bent u thuis\? \(niet verplicht\)</legend>", content)
    assert content.count("(niet verplicht)") == 3


def test_optional_questions_left_empty_are_stored_as_null(client, resident, home):
    page = make_form(
        home,
        field("Naam", "text"),
        field("Telefoonnummer", "phone", required=False),
        field("Datum", "date", required=False),
        field("Adres", "address", required=False),
        field("Aantal", "number", required=False),
        field("Gevaar?", "yes_no", required=False),
    )
    wizard = Wizard(client, page)

    wizard.post({name_of(page, "Naam"): "Anna de Vries"})

    assert check_page(wizard).count("Niet ingevuld") == 5
    answers = submitted_answers(wizard)
    for label in ("Telefoonnummer", "Datum", "Adres", "Aantal", "Gevaar?"):
        assert answers[label]["value"] is None, label


def test_optional_checkboxes_left_empty_are_stored_as_null(client, resident, home):
    page = make_form(
        home,
        field("Naam", "text"),
        field("Wanneer bent u thuis?", "checkboxes", options="Ochtend\nAvond", required=False),
    )
    wizard = Wizard(client, page)

    wizard.post({name_of(page, "Naam"): "Anna de Vries"})

    check_page(wizard)
    assert submitted_answers(wizard)["Wanneer bent u thuis?"]["value"] is None


def test_a_text_block_shows_its_text_and_stores_no_answer(client, resident, home):
    page = make_form(
        home,
        text_block("<p>Zet uw <b>container</b> voor 7.30 uur aan de weg.</p>", label="Let op"),
        field("Naam", "text"),
    )
    wizard = Wizard(client, page)

    assert "Zet uw <b>container</b> voor 7.30 uur aan de weg." in wizard.content
    assert '<h2 class="utrecht-heading-3">Let op</h2>' in wizard.content
    wizard.answer("Anna de Vries")

    assert "Let op" not in check_page(wizard)
    answers = submitted_answers(wizard)
    assert list(answers) == ["Naam"]


def test_help_text_is_tied_to_its_input(client, resident, home):
    page = make_form(
        home,
        field("Kenteken", "text", help_text="Bijvoorbeeld 12-ABC-3."),
        field("Datum van verhuizing", "date", help_text="De dag waarop u de sleutel krijgt."),
        field("Soort", "radio", options="Auto\nBus", help_text="Kies wat u bestuurt."),
    )
    wizard = Wizard(client, page)
    elements = Elements(wizard.content)
    kenteken, datum, soort = (
        f"id_{name_of(page, label)}" for label in ("Kenteken", "Datum van verhuizing", "Soort")
    )

    assert elements.described_by(kenteken) == [f"{kenteken}-help"]
    assert elements.text_of(f"{kenteken}-help") == "Bijvoorbeeld 12-ABC-3."
    # Each of day, month and year, and the group around them.
    for part in ("_0", "_1", "_2"):
        assert elements.described_by(datum + part) == [f"{datum}-help"]
    assert elements.text_of(f"{datum}-help") == "De dag waarop u de sleutel krijgt."
    assert re.search(rf'<fieldset[^>]*aria-describedby="{datum}-help ?"', wizard.content)
    assert re.search(rf'<fieldset[^>]*aria-describedby="{soort}-help ?"', wizard.content)
    assert elements.text_of(f"{soort}-help") == "Kies wat u bestuurt."


def test_every_error_summary_link_points_at_an_input_on_the_page(client, resident, home):
    options = {"radio": "A\nB", "select": "A\nB", "checkboxes": "A\nB"}
    questions = [
        field(f"Vraag {t.slug}", t.slug, options=options.get(t.slug, ""))
        for t in field_types.all_types()
        if t.has_answer
    ]
    page = make_form(home, *questions, text_block("<p>Uitleg</p>", label="Let op"))
    wizard = Wizard(client, page)

    wizard.post({})

    elements = Elements(wizard.content)
    assert len(elements.summary_targets) == len(questions)
    for target in elements.summary_targets:
        assert target in elements.by_id, target
        tag, attrs = elements.by_id[target]
        assert tag in ("input", "select", "textarea"), target
        assert attrs.get("type") != "hidden", target

"""Editors build forms in the Wagtail admin; the definition's checks stop a broken form."""

import html
import json
import re

import pytest
from django.core.exceptions import ValidationError
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.models import ContentPage, HomePage, ServicePage
from forms_app import field_types
from forms_app.definition import FormDefinition
from forms_app.models import FormPage
from tests.cases.factories import CaseTypeFactory
from tests.cms.factories import make_home
from tests.contacts.factories import UserFactory
from tests.forms_app.factories import FormPageFactory, field, step, when

pytestmark = pytest.mark.django_db

SLUG = "melding-openbare-ruimte"
NO_CONDITION = {"question": "", "value": ""}
# What an editor must fill in besides the common options, per field type.
REQUIRED_OPTIONS = {
    "radio": {"options": "Straatverlichting\nZwerfafval"},
    "select": {"options": "Winsum\nBedum"},
    "checkboxes": {"options": "Ochtend\nMiddag"},
    "file": {"allowed_types": ("pdf", "jpg"), "max_size_mb": "10", "max_files": "2"},
}


def question(slug, label, *, condition=NO_CONDITION, **options):
    """One question as the editor's StreamField posts it."""
    if slug == "text_block":
        return slug, {"label": label, "text": rich_text("<p>Lees dit eerst.</p>"), **options}
    value = {
        "label": label,
        "help_text": "",
        "required": "on",
        "in_title": "",
        "condition": condition,
    }
    return slug, {**value, **REQUIRED_OPTIONS.get(slug, {}), **options}


def editor_step(title, *questions, condition=NO_CONDITION):
    value = {"title": title, "intro": "", "condition": condition, "fields": streamfield(questions)}
    return "step", value


def page_data(case_type, steps):
    return nested_form_data(
        {
            "title": "Melding openbare ruimte",
            "slug": SLUG,
            "case_type": case_type.pk,
            "login_required": "on",
            "minimum_assurance": "basis",
            "allow_anonymous_email": "on",
            "retention_days": "365",
            "intro": rich_text("<p>Het invullen duurt 3 minuten.</p>"),
            "confirmation_text": rich_text(""),
            "next_steps": rich_text(""),
            "steps": streamfield(steps),
        }
    )


def add_url(parent):
    return f"/admin/pages/add/forms_app/formpage/{parent.pk}/"


def every_type_questions():
    return [question(t.slug, f"Vraag {t.slug}") for t in field_types.all_types()]


class TestEditorsBuildForms(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_home()
        cls.case_type = CaseTypeFactory()
        cls.editor = UserFactory(is_staff=True, is_superuser=True)

    def setUp(self):
        self.client.force_login(self.editor)

    def test_forms_are_added_under_the_home_page_and_services(self):
        self.assertCanCreateAt(HomePage, FormPage)
        self.assertCanCreateAt(ServicePage, FormPage)
        self.assertCanNotCreateAt(ContentPage, FormPage)
        self.assertCanNotCreateAt(FormPage, FormPage)

    def test_a_form_with_every_field_type_is_published(self):
        questions = every_type_questions()
        data = page_data(
            self.case_type,
            [editor_step("Uw melding", *questions[:6]), editor_step("Details", *questions[6:])],
        )

        self.assertCanCreate(self.home, FormPage, data)

        page = FormPage.objects.get(slug=SLUG)
        assert page.live
        assert page.get_parent().specific == self.home
        used = [block.block_type for s in page.steps for block in s.value["fields"]]
        assert used == [t.slug for t in field_types.all_types()]
        assert [s.value["title"] for s in page.steps] == ["Uw melding", "Details"]
        assert page.definition.errors() == []
        upload = next(b for s in page.steps for b in s.value["fields"] if b.block_type == "file")
        assert list(upload.value["allowed_types"]) == ["pdf", "jpg"]


# --- checks that stop publishing --------------------------------------------------------


@pytest.fixture
def editor_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def case_type():
    return CaseTypeFactory()


def publish(client, parent, data):
    return client.post(add_url(parent), {**data, "action-publish": "action-publish"})


def steps_errors_json(response):
    """The errors Wagtail's editor puts on the steps StreamField, as its JavaScript reads them."""
    match = re.search(
        r'<div id="steps"[^>]*data-w-block-arguments-value="([^"]*)"', response.content.decode()
    )
    assert match, "the steps field is not in the editor"
    _value, errors = json.loads(html.unescape(match.group(1)))
    return errors


def steps_errors(response):
    """Every message the editor shows in the steps StreamField, wherever it sits."""
    return list(_messages(steps_errors_json(response)))


def _messages(node):
    if isinstance(node, dict):
        yield from node.get("messages", [])
        for key, child in node.items():
            if key != "messages":
                yield from _messages(child)
    elif isinstance(node, list):
        for child in node:
            yield from _messages(child)


def assert_refused(response, message):
    assert response.status_code == 200
    assert (
        "De pagina kon niet aangemaakt worden vanwege validatiefouten." in response.content.decode()
    )
    assert message in steps_errors(response)
    assert not FormPage.objects.filter(slug=SLUG).exists()


def test_a_form_without_steps_is_refused(editor_client, case_type, home):

    response = publish(editor_client, home, page_data(case_type, []))

    assert_refused(response, "Het formulier heeft nog geen stappen. Voeg minstens één stap toe.")


def test_a_condition_on_a_later_question_is_refused(editor_client, case_type, home):
    steps = [
        editor_step(
            "Uw melding",
            question("textarea", "Omschrijving", condition=when("Soort melding", "Zwerfafval")),
            question("radio", "Soort melding", options="Zwerfafval\nStraatverlichting"),
        )
    ]

    response = publish(editor_client, home, page_data(case_type, steps))

    assert_refused(
        response,
        "De voorwaarde ‘Soort melding’ verwijst naar een latere vraag. Een voorwaarde kan "
        "alleen een eerdere vraag gebruiken.",
    )


def test_a_step_condition_on_a_question_of_a_later_step_is_refused(editor_client, case_type, home):
    steps = [
        editor_step("Vuil", question("text", "Waar ligt het?"), condition=when("Soort", "Afval")),
        editor_step("Soort", question("radio", "Soort", options="Afval\nLamp")),
    ]

    response = publish(editor_client, home, page_data(case_type, steps))

    assert_refused(
        response,
        "De voorwaarde ‘Soort’ verwijst naar een latere vraag. Een voorwaarde kan alleen een "
        "eerdere vraag gebruiken.",
    )


def test_a_condition_on_a_missing_question_is_refused(editor_client, case_type, home):
    steps = [
        editor_step("Soort", question("radio", "Soort melding", options="Afval\nLamp")),
        editor_step(
            "Details",
            question("text", "Kleur van de container", condition=when("Soort afval", "Glas")),
        ),
    ]

    response = publish(editor_client, home, page_data(case_type, steps))

    assert_refused(
        response,
        "De voorwaarde ‘Soort afval’ verwijst naar een vraag die niet in dit formulier staat. "
        "Neem de vraag precies over.",
    )


def test_a_condition_without_an_answer_is_refused(editor_client, case_type, home):
    steps = [
        editor_step(
            "Soort",
            question("yes_no", "Is er gevaar?"),
            question("text", "Welk gevaar?", condition=when("Is er gevaar?", "")),
        )
    ]

    response = publish(editor_client, home, page_data(case_type, steps))

    assert_refused(response, "Vul bij de voorwaarde ‘Is er gevaar?’ ook het antwoord in.")


@pytest.mark.parametrize("slug", ["radio", "select", "checkboxes"])
def test_a_choice_without_options_is_refused_at_its_options(editor_client, case_type, home, slug):
    steps = [editor_step("Soort", question(slug, "Soort melding", options=""))]

    response = publish(editor_client, home, page_data(case_type, steps))

    assert_refused(response, "Dit is een verplicht veld.")
    first_question = steps_errors_json(response)["blockErrors"]["0"]["blockErrors"]["fields"]
    options = first_question["blockErrors"]["0"]["blockErrors"]["options"]
    assert options["messages"] == ["Dit is een verplicht veld."]


@pytest.mark.parametrize("slug", ["radio", "select", "checkboxes"])
def test_a_choice_without_options_from_code_gets_a_dutch_problem(slug):
    # Pages made by code (imports, demo content) skip the editor's own required check.
    page = FormPage(
        steps=json.dumps([step("Soort", field("Soort melding", slug, options="\n \n"))])
    )

    assert FormDefinition.from_page(page).errors() == [
        "Vul bij ‘Soort melding’ minstens één optie in."
    ]


def test_the_same_option_twice_is_refused(editor_client, case_type, home):
    steps = [editor_step("Soort", question("radio", "Soort melding", options="Afval\nLamp\nAfval"))]

    response = publish(editor_client, home, page_data(case_type, steps))

    assert_refused(response, "‘Soort melding’ heeft dezelfde optie twee keer.")


def test_two_questions_with_the_same_key_are_refused(editor_client, case_type, home):
    steps = [editor_step("Uw gegevens", question("text", "Naam"), question("text", "Achternaam"))]
    data = page_data(case_type, steps)
    # What a copied block with its id would post.
    same_id = "0f0e2c1a-7b7d-4c55-9a61-3d7c1b2a9e10"
    data["steps-0-value-fields-0-id"] = data["steps-0-value-fields-1-id"] = same_id

    response = publish(editor_client, home, data)

    assert_refused(
        response,
        "Twee vragen hebben dezelfde sleutel (‘Achternaam’). Verwijder er één en voeg hem "
        "opnieuw toe.",
    )


def test_saving_a_page_with_two_questions_with_the_same_key_is_refused(home):
    same_id = "0f0e2c1a-7b7d-4c55-9a61-3d7c1b2a9e10"
    steps = [
        step("Stap 1", field("Naam", block_id=same_id)),
        step("Stap 2", field("Woonplaats", block_id=same_id)),
    ]

    # Page.save() runs FormPage.clean(), so pages made by code are checked too.
    with pytest.raises(ValidationError) as refused:
        FormPageFactory(parent=home, steps=json.dumps(steps))

    (error,) = refused.value.error_dict["steps"]
    assert [str(message) for message in error.non_block_errors] == [
        "Twee vragen hebben dezelfde sleutel (‘Woonplaats’). Verwijder er één en voeg hem "
        "opnieuw toe."
    ]
    assert not FormPage.objects.exists()


def test_a_correct_form_passes_page_clean(home):
    page = FormPageFactory(parent=home)

    page.clean()

    assert page.definition.errors() == []


def test_every_problem_is_shown_at_once(editor_client, case_type, home):
    steps = [
        editor_step(
            "Uw melding",
            question("text", "Straat", condition=when("Wijk", "Noord")),
            question("text", "Huisnummer", condition=when("Bestaat niet", "Ja")),
            question("radio", "Wijk", options="Noord\nZuid"),
        )
    ]

    response = publish(editor_client, home, page_data(case_type, steps))

    shown = steps_errors(response)
    assert any("‘Wijk’ verwijst naar een latere vraag" in message for message in shown)
    assert any("‘Bestaat niet’ verwijst naar een vraag die niet" in message for message in shown)

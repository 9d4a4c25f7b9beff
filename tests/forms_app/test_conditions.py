"""Questions and steps that exist only when an earlier answer says so ("Alleen tonen als")."""

import json
import re

import pytest

from forms_app.models import Submission
from tests.forms_app.factories import FormPageFactory, field, key_of, step, when
from tests.forms_app.wizard_client import Wizard

pytestmark = pytest.mark.django_db

SOORTEN = "Straatverlichting\nZwerfafval\nLosliggende stoeptegel"
LAMP = "Nummer op de lantaarnpaal"
ONLY_FOR_LIGHTS = when("Soort melding", "Straatverlichting")


def soort():
    return field("Soort melding", "radio", options=SOORTEN)


def name_of(page, label):
    for step_block in page.steps.raw_data:
        for field_block in step_block["value"]["fields"]:
            if field_block["value"].get("label") == label:
                return f"{key_of(step_block)}-{key_of(field_block)}"
    raise KeyError(label)


def step_url(wizard, page, title):
    block = next(s for s in page.steps.raw_data if s["value"]["title"] == title)
    return wizard.step_url(key_of(block))


def change(client, wizard, page, title):
    """Follow "Wijzigen" on the check page to the step with this title."""
    wizard.response = client.get(step_url(wizard, page, title) + "?terug=controleren")
    assert wizard.response.status_code == 200
    return wizard


def submitted(wizard):
    assert wizard.submit().status_code == 302
    return {answer["label"]: answer["value"] for answer in Submission.objects.get().answers}


def check_page(wizard):
    assert "Controleer uw antwoorden" in wizard.content
    return wizard.content


def errors_of(content):
    summary = re.search(r'<div class="error-summary.*?</ul>', content, re.S)
    return re.findall(r'href="#[^"]*">([^<]*)</a>', summary[0]) if summary else []


# --- a question that depends on an earlier step ----------------------------------------


@pytest.fixture
def question_form(home):
    return FormPageFactory(
        parent=home,
        steps=json.dumps(
            [
                step("Wat wilt u melden?", soort()),
                step(
                    "Details",
                    field(LAMP, condition=ONLY_FOR_LIGHTS),
                    field("Omschrijving", "textarea"),
                ),
            ]
        ),
    )


def test_a_question_is_asked_when_the_earlier_answer_matches(client, resident, question_form):
    wizard = Wizard(client, question_form)
    wizard.answer("Straatverlichting")
    assert LAMP in wizard.content

    wizard.post({name_of(question_form, "Omschrijving"): "De lamp brandt niet."})
    assert errors_of(wizard.content) == ["Vul in: nummer op de lantaarnpaal"]

    wizard.post(
        {
            name_of(question_form, LAMP): "L-123",
            name_of(question_form, "Omschrijving"): "De lamp brandt niet.",
        }
    )
    assert "L-123" in check_page(wizard)
    assert submitted(wizard)[LAMP] == "L-123"


def test_a_hidden_question_is_not_shown_validated_or_stored(client, resident, question_form):
    wizard = Wizard(client, question_form)
    wizard.answer("Zwerfafval")
    assert "Details" in wizard.content
    assert LAMP not in wizard.content
    assert name_of(question_form, LAMP) not in wizard.content

    # Required, but hidden: it does not block. A value posted anyway is not kept.
    wizard.post(
        {
            name_of(question_form, LAMP): "L-123",
            name_of(question_form, "Omschrijving"): "Zakken bij de glasbak.",
        }
    )

    content = check_page(wizard)
    assert LAMP not in content
    assert "L-123" not in content
    assert submitted(wizard) == {
        "Soort melding": "Zwerfafval",
        "Omschrijving": "Zakken bij de glasbak.",
    }


def test_changing_the_answer_drops_the_hidden_question(client, resident, question_form):
    wizard = Wizard(client, question_form)
    wizard.answer("Straatverlichting")
    wizard.post(
        {
            name_of(question_form, LAMP): "L-123",
            name_of(question_form, "Omschrijving"): "De lamp brandt niet.",
        }
    )
    assert "L-123" in check_page(wizard)

    change(client, wizard, question_form, "Wat wilt u melden?").answer("Zwerfafval")

    content = check_page(wizard)
    assert LAMP not in content
    assert "L-123" not in content
    answers = submitted(wizard)
    assert LAMP not in answers
    assert answers["Soort melding"] == "Zwerfafval"


# --- a step that depends on an earlier answer -------------------------------------------


@pytest.fixture
def step_form(home):
    return FormPageFactory(
        parent=home,
        steps=json.dumps(
            [
                step("Wat wilt u melden?", soort()),
                step("Welke lantaarnpaal?", field(LAMP), condition=ONLY_FOR_LIGHTS),
                step("Uw gegevens", field("Naam")),
            ]
        ),
    )


def test_a_step_is_skipped_when_the_earlier_answer_does_not_match(client, resident, step_form):
    wizard = Wizard(client, step_form)
    assert "Stap 1 van 3" in wizard.content

    wizard.answer("Zwerfafval")

    assert "Uw gegevens" in wizard.content
    assert "Stap 2 van 3" in wizard.content
    hidden = client.get(step_url(wizard, step_form, "Welke lantaarnpaal?"))
    assert hidden.status_code == 302
    assert hidden["Location"] == step_url(wizard, step_form, "Uw gegevens")
    wizard.answer("Anna de Vries")
    content = check_page(wizard)
    assert "Stap 3 van 3" in content
    assert "Welke lantaarnpaal?" not in content
    assert list(submitted(wizard)) == ["Soort melding", "Naam"]


def test_a_step_is_asked_when_the_earlier_answer_matches(client, resident, step_form):
    wizard = Wizard(client, step_form)

    wizard.answer("Straatverlichting")

    assert "Welke lantaarnpaal?" in wizard.content
    assert "Stap 2 van 4" in wizard.content
    wizard.answer("L-123")
    assert "Stap 3 van 4" in wizard.content
    wizard.answer("Anna de Vries")
    assert "Stap 4 van 4" in check_page(wizard)
    assert submitted(wizard)[LAMP] == "L-123"


def test_changing_the_answer_drops_the_hidden_step_and_its_answers(client, resident, step_form):
    wizard = Wizard(client, step_form)
    wizard.answer("Straatverlichting")
    wizard.answer("L-123")
    wizard.answer("Anna de Vries")
    assert "L-123" in check_page(wizard)

    change(client, wizard, step_form, "Wat wilt u melden?").answer("Zwerfafval")

    content = check_page(wizard)
    assert "Welke lantaarnpaal?" not in content
    assert "L-123" not in content
    assert "Stap 3 van 3" in content
    assert submitted(wizard) == {"Soort melding": "Zwerfafval", "Naam": "Anna de Vries"}


def test_changing_the_answer_back_asks_the_step_again(client, resident, step_form):
    wizard = Wizard(client, step_form)
    wizard.answer("Straatverlichting")
    wizard.answer("L-123")
    wizard.answer("Anna de Vries")
    change(client, wizard, step_form, "Wat wilt u melden?").answer("Zwerfafval")
    check_page(wizard)

    change(client, wizard, step_form, "Wat wilt u melden?").answer("Straatverlichting")

    # The step is back and empty: its earlier answer went when it was hidden.
    assert "Welke lantaarnpaal?" in wizard.content
    assert "L-123" not in wizard.content
    wizard.answer("L-456")
    assert "L-456" in check_page(wizard)


# --- a condition on a yes/no question -----------------------------------------------------


@pytest.mark.parametrize(
    ("written_as", "answer", "asked"),
    [
        ("Ja", "ja", True),
        ("Ja", "nee", False),
        ("ja", "ja", True),
        ("Nee", "nee", True),
        ("Nee", "ja", False),
    ],
)
def test_a_condition_on_a_yes_no_question(client, resident, home, written_as, answer, asked):
    gevaar = "Is er gevaar voor het verkeer?"
    page = FormPageFactory(
        parent=home,
        steps=json.dumps(
            [
                step("Gevaar", field(gevaar, "yes_no")),
                step(
                    "Details",
                    field("Waar precies?", condition=when(gevaar, written_as)),
                    field("Omschrijving", "textarea"),
                ),
            ]
        ),
    )
    wizard = Wizard(client, page)

    wizard.answer(answer)

    assert ("Waar precies?" in wizard.content) is asked
    wizard.post(
        {
            name_of(page, "Waar precies?"): "Bij de rotonde",
            name_of(page, "Omschrijving"): "Boom op de weg.",
        }
    )
    assert ("Bij de rotonde" in check_page(wizard)) is asked
    assert ("Waar precies?" in submitted(wizard)) is asked


# --- a question that depends on a question in the same step ----------------------------


@pytest.fixture
def same_step_form(home):
    return FormPageFactory(
        parent=home,
        steps=json.dumps(
            [
                step(
                    "Wat wilt u melden?",
                    soort(),
                    field(LAMP, condition=ONLY_FOR_LIGHTS),
                    field("Omschrijving", "textarea"),
                )
            ]
        ),
    )


def test_a_question_depending_on_the_same_step_is_marked_for_showing_while_typing(
    client, resident, same_step_form
):
    wizard = Wizard(client, same_step_form)

    soort_name, lamp_name = name_of(same_step_form, "Soort melding"), name_of(same_step_form, LAMP)
    wrapper = re.search(
        r'<div class="utrecht-form-field" data-show-if="([^"]*)" data-show-if-value="([^"]*)">'
        r'\s*<label class="utrecht-form-label" for="id_([^"]*)">',
        wizard.content,
    )
    assert wrapper is not None
    assert wrapper.groups() == (soort_name, "Straatverlichting", lamp_name)
    assert f'name="{soort_name}" value="Straatverlichting"' in wizard.content
    # Without JavaScript the question is there, with when it applies.
    assert "Alleen als u bij ‘Soort melding’ ‘Straatverlichting’ kiest." in wizard.content


@pytest.mark.parametrize("lamp", ["", "L-123"])
def test_a_same_step_question_is_skipped_when_its_condition_does_not_hold(
    client, resident, same_step_form, lamp
):
    wizard = Wizard(client, same_step_form)

    wizard.post(
        {
            name_of(same_step_form, "Soort melding"): "Zwerfafval",
            name_of(same_step_form, LAMP): lamp,
            name_of(same_step_form, "Omschrijving"): "Zakken bij de glasbak.",
        }
    )

    content = check_page(wizard)
    assert LAMP not in content
    assert submitted(wizard) == {
        "Soort melding": "Zwerfafval",
        "Omschrijving": "Zakken bij de glasbak.",
    }


def test_a_same_step_question_is_validated_when_its_condition_holds(
    client, resident, same_step_form
):
    wizard = Wizard(client, same_step_form)
    data = {
        name_of(same_step_form, "Soort melding"): "Straatverlichting",
        name_of(same_step_form, "Omschrijving"): "De lamp brandt niet.",
    }

    wizard.post(data)
    assert errors_of(wizard.content) == ["Vul in: nummer op de lantaarnpaal"]

    wizard.post({**data, name_of(same_step_form, LAMP): "L-123"})
    assert "L-123" in check_page(wizard)
    assert submitted(wizard)[LAMP] == "L-123"


def test_changing_the_answer_on_a_same_step_question_can_show_the_dependent_question(
    client, resident, same_step_form
):
    wizard = Wizard(client, same_step_form)
    wizard.post(
        {
            name_of(same_step_form, "Soort melding"): "Zwerfafval",
            name_of(same_step_form, "Omschrijving"): "Zakken bij de glasbak.",
        }
    )
    check_page(wizard)

    change(client, wizard, same_step_form, "Wat wilt u melden?")

    # forms.js can only show the question when choosing "Straatverlichting" if it is there.
    assert f'name="{name_of(same_step_form, LAMP)}"' in wizard.content


def test_a_step_shown_again_with_an_error_keeps_the_dependent_question(
    client, resident, same_step_form
):
    wizard = Wizard(client, same_step_form)

    wizard.post({name_of(same_step_form, "Soort melding"): "Zwerfafval"})

    assert errors_of(wizard.content) == ["Vul in: omschrijving"]
    assert f'name="{name_of(same_step_form, LAMP)}"' in wizard.content

"""A blank step's questions are rendered once per version of the form and shown to everyone
who gets that step blank; whatever is a resident's own (answers, errors, prefill, files,
questions a condition leaves out) never comes from, nor goes into, that shared markup."""

import json
import re

import pytest
from django.test import Client

from forms_app.definition import FormDefinition
from forms_app.forms import StepForm, WizardContext
from forms_app.models import FormPage
from tests.forms_app.conftest import log_in
from tests.forms_app.factories import FormPageFactory, default_steps, field, step, when
from tests.forms_app.wizard_client import Wizard

pytestmark = pytest.mark.django_db

SOORTEN = "Straatverlichting\nZwerfafval\nLosliggende stoeptegel"


def questions(content):
    """The step's form without its CSRF token (which differs per request)."""
    form = re.search(r'<form method="post".*?</form>', content, re.S)[0]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", form)


def checked(content):
    return re.findall(r'value="([^"]+)" id="[^"]+" checked', content)


@pytest.fixture
def anonymous_form(home):
    return FormPageFactory(parent=home, login_required=False)


def test_the_next_resident_gets_the_same_blank_step(anonymous_form):
    first = Wizard(Client(), anonymous_form)
    # As the requests read it: from the database.
    definition = FormDefinition.for_page(FormPage.objects.get(pk=anonymous_form.pk))

    assert len(definition.shared_markup) == 1
    second = Wizard(Client(), anonymous_form)
    assert questions(second.content) == questions(first.content)
    assert 'name="s_' in questions(second.content)


def test_a_residents_own_answers_and_errors_never_come_from_the_shared_markup(anonymous_form):
    first = Wizard(Client(), anonymous_form)
    first_step = first.action
    first.answer("", "")  # nothing chosen: errors
    assert "Er is een probleem" in first.content
    assert "utrecht-form-field--invalid" in first.content

    other = Wizard(Client(), anonymous_form)
    assert "utrecht-form-field--invalid" not in other.content
    assert checked(other.content) == []

    first.answer("Zwerfafval", "Vuilniszakken bij de glasbak")
    assert "Waar is het?" in first.content
    first.response = first.client.get(first_step)  # Back to step 1
    assert checked(first.content) == ["Zwerfafval"]
    assert "Vuilniszakken bij de glasbak" in first.content
    # ... and what the first resident entered did not reach anyone else's step.
    third = Wizard(Client(), anonymous_form)
    assert checked(third.content) == []
    assert "Vuilniszakken" not in third.content


def test_a_question_left_out_by_a_condition_stays_out_for_that_resident_only(home):
    page = FormPageFactory(
        parent=home,
        login_required=False,
        steps=json.dumps(
            [
                step("Soort", field("Soort melding", "radio", options=SOORTEN)),
                step(
                    "Details",
                    field("Omschrijving", "textarea"),
                    field(
                        "Nummer op de lantaarnpaal",
                        condition=when("Soort melding", "Straatverlichting"),
                    ),
                ),
            ]
        ),
    )
    lights = Wizard(Client(), page)
    lights.answer("Straatverlichting")
    litter = Wizard(Client(), page)
    litter.answer("Zwerfafval")
    lights_again = Wizard(Client(), page)
    lights_again.answer("Straatverlichting")

    assert "Nummer op de lantaarnpaal" in lights.content
    assert "Nummer op de lantaarnpaal" not in litter.content
    assert "Omschrijving" in litter.content
    assert "Nummer op de lantaarnpaal" in lights_again.content


def test_a_logged_in_resident_sees_the_prefilled_value_after_a_blank_step_was_shared(
    client, anonymous_form
):
    from tests.contacts.factories import ResidentFactory

    anonymous = Wizard(Client(), anonymous_form)
    anonymous.answer("Zwerfafval", "Glas op straat")
    assert 'value="anna@example.nl"' not in anonymous.content

    resident = ResidentFactory(name="Anna de Vries", email="anna@example.nl")
    log_in(client, resident)
    own = Wizard(client, anonymous_form)
    own.answer("Zwerfafval", "Glas op straat")

    assert "Waar is het?" in own.content
    assert 'value="anna@example.nl"' in own.content


def test_a_step_with_an_upload_is_never_shared(anonymous_form):
    definition = FormDefinition.from_stream(
        FormPageFactory.build(
            steps=json.dumps([step("Foto", field("Foto", "file", required=False))])
        ).steps
    )
    blank = {"definition": definition, "step": definition.steps[0], "earlier_answers": {}}
    context = WizardContext(page=anonymous_form, resident=None, owner_token_hash="x")

    assert StepForm(context=context, prefix="s", **blank).shared_markup_key() is None
    plain = FormDefinition.from_stream(
        FormPageFactory.build(steps=json.dumps(default_steps())).steps
    )
    assert (
        StepForm(
            definition=plain,
            step=plain.steps[0],
            earlier_answers={},
            context=context,
            prefix="s",
        ).shared_markup_key()
        is not None
    )

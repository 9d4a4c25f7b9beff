"""Answers checked once are not checked again on every later page, but never longer than
what they were checked against holds: the same stored answers, the same version of the form,
the same day. Sending checks every answer afresh."""

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine

from forms_app.field_types import address as address_type
from forms_app.models import Submission
from tests.forms_app.factories import FormPageFactory, field, step
from tests.forms_app.test_field_types import address_input, date_input, name_of
from tests.forms_app.wizard_client import Wizard

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
LATE_ON_MONDAY = dt.datetime(2026, 11, 30, 23, 55, tzinfo=AMSTERDAM)


def two_steps(home, *first_step_fields):
    return FormPageFactory(
        parent=home,
        login_required=False,
        steps=json.dumps(
            [
                step("Waar en wanneer?", *first_step_fields),
                step("Wat is er?", field("Omschrijving", "textarea")),
            ]
        ),
    )


@pytest.fixture
def lookups(monkeypatch):
    """Every question put to the address service, through the field's own lookup."""
    asked = []
    real = address_type.lookup_address

    def counting(**kwargs):
        asked.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(address_type, "lookup_address", counting)
    return asked


def test_an_address_is_not_looked_up_again_on_every_later_page(client, home, lookups):
    page = two_steps(home, field("Adres van de melding", "address"))
    wizard = Wizard(client, page)
    wizard.post(address_input(page, "Adres van de melding", "9951AA", "12"))
    asked_for_step_1 = len(lookups)
    assert asked_for_step_1 >= 1

    wizard.answer("De lamp is kapot.")  # step 2, then the check page
    assert "Controleer uw antwoorden" in wizard.content
    assert "Hoofdstraat 12, 9951 AA Winsum" in wizard.content
    client.get(wizard.url)  # a reload of the check page

    assert len(lookups) == asked_for_step_1
    wizard.submit()
    # Sending checks the address once more.
    assert len(lookups) == asked_for_step_1 + 1
    answers = Submission.objects.get().answers
    assert answers[0]["value"]["street"] == "Hoofdstraat"


def test_a_date_that_is_too_early_by_the_next_day_is_asked_again(client, home):
    page = two_steps(home, field("Datum van verhuizing", "date", past_days=5))
    with time_machine.travel(LATE_ON_MONDAY, tick=False):
        wizard = Wizard(client, page)
        wizard.post(date_input(page, "Datum van verhuizing", "25", "11", "2026"))
        wizard.answer("We verhuizen naar Winsum.")
        assert "Controleer uw antwoorden" in wizard.content
        check_url = wizard.url

    # Ten minutes later, just after midnight: the session still runs, the day is another.
    with time_machine.travel(LATE_ON_MONDAY + dt.timedelta(minutes=10), tick=False):
        response = client.get(check_url, follow=True)

    content = response.content.decode()
    assert "Controleer uw antwoorden" not in content
    step_key = name_of(page, "Datum van verhuizing").split("-")[0]
    assert response.wsgi_request.path == wizard.step_url(step_key)
    assert "De datum mag niet vóór 26 november 2026 liggen." in content


def test_a_changed_form_checks_the_stored_answers_again(client, home):
    page = two_steps(home, field("Waar is het?", "text", max_length=40))
    wizard = Wizard(client, page)
    wizard.answer("Bij de bushalte naast het gemeentehuis")
    wizard.answer("De lamp is kapot.")
    assert "Controleer uw antwoorden" in wizard.content

    steps = json.loads(json.dumps(list(page.steps.raw_data)))
    steps[0]["value"]["fields"][0]["value"]["max_length"] = 10
    page.steps = json.dumps(steps)
    page.save_revision().publish()
    response = client.get(wizard.url, follow=True)

    content = response.content.decode()
    assert "Controleer uw antwoorden" not in content
    assert "Waar is het?" in content
    assert "10 tekens" in content

"""Answers checked once are not checked again on every later page, but never longer than
what they were checked against holds: the same stored answers, the same version of the form,
the same day. Sending checks every answer afresh."""

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine

from contacts.brp import Address
from forms_app.constants import CHECK_STEP
from forms_app.field_types import address as address_type
from forms_app.models import Submission
from tests.contacts.factories import ResidentFactory
from tests.forms_app.conftest import log_in
from tests.forms_app.factories import FormPageFactory, field, step
from tests.forms_app.test_field_types import address_input, date_input, name_of
from tests.forms_app.wizard_client import Wizard

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
LATE_ON_MONDAY = dt.datetime(2026, 11, 30, 23, 55, tzinfo=AMSTERDAM)


def two_steps(home, *first_step_fields, **page):
    return FormPageFactory(
        parent=home,
        login_required=False,
        **page,
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


def test_sending_checks_again_and_shows_what_changed_before_it_is_sent(client, home, monkeypatch):
    """An answer kept since the check page that no longer holds when sending (here: the
    address register names another street) is not sent: the check page shows the new one."""
    street = {"name": "Hoofdstraat"}

    def register(*, postcode, house_number, addition=""):
        return Address(
            postcode=postcode,
            house_number=house_number,
            addition=addition,
            street=street["name"],
            city="Winsum",
        )

    monkeypatch.setattr(address_type, "lookup_address", register)
    page = two_steps(home, field("Adres van de melding", "address"))
    wizard = Wizard(client, page)
    wizard.post(address_input(page, "Adres van de melding", "9951AA", "12"))
    wizard.answer("De lamp is kapot.")
    assert "Hoofdstraat 12" in wizard.content
    key = wizard.key()

    street["name"] = "Kerkstraat"
    response = wizard.submit(key=key)

    assert response.status_code == 302
    assert response["Location"].endswith(f"/stap/{CHECK_STEP}/")
    assert not Submission.objects.exists()
    check = client.get(response["Location"]).content.decode()
    assert "Kerkstraat 12" in check
    assert "Hoofdstraat" not in check

    response = wizard.submit(key=key)
    assert "bevestiging" in response["Location"]
    assert Submission.objects.get().answers[0]["value"]["street"] == "Kerkstraat"


def test_a_confirmation_is_not_shown_to_someone_who_logs_in_after_it(client, home):
    page = two_steps(home, field("Waar is het?", "text"))
    wizard = Wizard(client, page)
    wizard.answer("Bij de bushalte")
    wizard.answer("De lamp is kapot.")
    confirmation_url = wizard.submit()["Location"]
    assert 'data-testid="reference"' in client.get(confirmation_url).content.decode()

    log_in(client, ResidentFactory(name="Bram Bakker"))
    response = client.get(confirmation_url)

    assert response.status_code == 302
    assert response["Location"] == page.url


def test_a_resent_key_of_another_form_does_not_show_that_form_s_reference_here(client, home):
    first = two_steps(home, field("Waar is het?", "text"))
    wizard = Wizard(client, first)
    wizard.answer("Bij de bushalte")
    wizard.answer("De lamp is kapot.")
    key = wizard.key()
    wizard.submit(key=key)
    reference = Submission.objects.get().case.reference

    second = two_steps(
        home, field("Wat is uw vraag?", "text"), title="Vraag stellen", slug="vraag-stellen"
    )
    other = Wizard(client, second)
    response = other.submit(key=key, follow=True)

    assert reference not in response.content.decode()
    assert Submission.objects.count() == 1

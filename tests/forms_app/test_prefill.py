import json

import pytest

from contacts.constants import SESSION_BSN_TOKEN
from contacts.crypto import bsn_encrypt
from forms_app.models import Submission
from tests.contacts.factories import ResidentFactory
from tests.forms_app.conftest import log_in
from tests.forms_app.factories import FormPageFactory, field, step
from tests.forms_app.wizard_client import Wizard

pytestmark = pytest.mark.django_db


@pytest.fixture
def moving_form(home):
    return FormPageFactory(
        parent=home,
        steps=json.dumps(
            [
                step(
                    "Over u",
                    field("Naam", prefill="name", read_only=True),
                    field("Huidig adres", "address", prefill="address"),
                    field("E-mailadres", "email", prefill="email"),
                    field("Telefoonnummer", "phone", prefill="phone", required=False),
                )
            ]
        ),
    )


def _log_in_with_bsn(client, resident, bsn):
    log_in(client, resident)
    session = client.session
    session[SESSION_BSN_TOKEN] = bsn_encrypt(bsn)
    session.save()


def test_name_and_address_come_from_the_brp_and_contact_details_from_the_profile(
    client, moving_form
):
    resident = ResidentFactory(email="anna@example.nl", phone="0595447777", name="")
    _log_in_with_bsn(client, resident, "999990019")

    wizard = Wizard(client, moving_form)

    content = wizard.content
    assert 'value="Anna de Vries"' in content
    assert "disabled" in content  # the name is read-only, the editor said so
    assert 'value="9951AA"' in content
    assert 'value="12"' in content
    assert 'value="anna@example.nl"' in content
    assert 'value="0595447777"' in content or 'value="0595 447 777"' in content


def test_a_read_only_prefilled_answer_cannot_be_changed_by_posting(client, moving_form):
    resident = ResidentFactory(email="anna@example.nl")
    _log_in_with_bsn(client, resident, "999990019")
    wizard = Wizard(client, moving_form)
    names = wizard.names()

    wizard.post(
        {
            names[0]: "Iemand Anders",
            names[1]: "9951AA",
            names[2]: "12",
            names[3]: "",
            names[4]: "anna@example.nl",
            names[5]: "",
        }
    )
    wizard.submit()

    answers = {a["label"]: a["value"] for a in Submission.objects.get().answers}
    assert answers["Naam"] == "Anna de Vries"
    assert answers["Huidig adres"]["street"] == "Hoofdstraat"


def test_without_a_bsn_in_the_session_nothing_comes_from_the_brp(client, moving_form):
    resident = ResidentFactory(email="bram@example.nl", name="Bram")
    log_in(client, resident)

    wizard = Wizard(client, moving_form)

    assert 'value="9951AA"' not in wizard.content
    assert 'value="bram@example.nl"' in wizard.content


def test_a_tampered_bsn_token_is_ignored(client, moving_form):
    resident = ResidentFactory(name="")
    log_in(client, resident)
    session = client.session
    session[SESSION_BSN_TOKEN] = "not-a-token"
    session.save()

    wizard = Wizard(client, moving_form)

    assert wizard.response.status_code == 200
    assert "Anna de Vries" not in wizard.content


def test_the_form_still_opens_without_brp_prefill_when_the_brp_does_not_answer(
    client, moving_form, settings
):
    settings.BRP_ADAPTER = "tests.contacts.test_registration_brp.BrokenBRP"
    resident = ResidentFactory(email="anna@example.nl", name="Anna")
    _log_in_with_bsn(client, resident, "999990019")

    wizard = Wizard(client, moving_form)

    assert wizard.response.status_code == 200
    assert 'value="9951AA"' not in wizard.content  # no address from the BRP
    assert 'value="anna@example.nl"' in wizard.content  # the profile still prefills


@pytest.fixture
def new_address_form(home):
    return FormPageFactory(
        parent=home,
        steps=json.dumps(
            [
                step(
                    "Uw nieuwe adres",
                    field("Nieuw adres", "address", not_current=True),
                    field("E-mailadres", "email"),
                )
            ]
        ),
    )


def test_a_new_address_that_is_where_the_resident_lives_now_is_refused(client, new_address_form):
    # Anna lives at 9951AA 12 (the demo BRP). Moving to where you live is a mistake.
    _log_in_with_bsn(client, ResidentFactory(), "999990019")
    wizard = Wizard(client, new_address_form)

    wizard.answer("9951 aa", "12", "", "anna@example.nl")

    assert "Dit is het adres waar u nu woont. Vul uw nieuwe adres in." in wizard.content
    assert wizard.content.count('value="9951 aa"') == 1  # what she typed stays
    wizard.answer("9781AA", "7", "", "anna@example.nl")
    assert wizard.submit().status_code == 302
    (answer,) = [a for a in Submission.objects.get().answers if a["type"] == "address"]
    assert answer["value"]["city"] == "Bedum"


def test_a_new_address_is_only_checked_against_the_brp_when_it_is_known(
    client, new_address_form, settings
):
    # No BRP answer: the question accepts any address (the staff check it, as on paper).
    settings.BRP_ADAPTER = "tests.contacts.test_registration_brp.BrokenBRP"
    _log_in_with_bsn(client, ResidentFactory(), "999990019")
    wizard = Wizard(client, new_address_form)

    wizard.answer("9951AA", "12", "", "anna@example.nl")

    assert "Controleer uw antwoorden" in wizard.content


def test_a_read_only_prefilled_answer_has_no_change_link_on_the_check_page(client, moving_form):
    _log_in_with_bsn(client, ResidentFactory(email="anna@example.nl"), "999990019")
    wizard = Wizard(client, moving_form)
    names = wizard.names()

    wizard.post({names[1]: "9951AA", names[2]: "12", names[4]: "anna@example.nl"})

    content = wizard.content
    assert "Controleer uw antwoorden" in content
    assert "Anna de Vries" in content
    assert 'Wijzigen<span class="visually-hidden"> naam' not in content
    assert 'Wijzigen<span class="visually-hidden"> huidig adres' in content

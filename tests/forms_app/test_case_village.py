"""The village (kern) of a case from a form: the town of the address answer, else the
logged-in resident's address in the BRP (forms_app.services.submissions.submit)."""

import json
import uuid

import pytest

from cases.models import Case
from contacts.constants import SESSION_BSN_TOKEN
from contacts.crypto import bsn_encrypt
from forms_app.prefill.brp import home_town
from forms_app.services.submissions import submit
from tests.forms_app.factories import FormPageFactory, field, key_of, step

ADDRESS = field("Adres", "address")

pytestmark = pytest.mark.django_db


def address_answer(city):
    value = {
        "postcode": "9981AA",
        "house_number": 4,
        "addition": "",
        "street": "Hoofdstraat West",
        "city": city,
    }
    return {"key": key_of(ADDRESS), "step": "", "type": "address", "label": "Adres", "value": value}


def case_of(page, answers, **kwargs):
    submission = submit(page=page, answers=answers, idempotency_key=uuid.uuid4(), **kwargs)
    return Case.objects.get(pk=submission.case_id)


@pytest.fixture
def page(home):
    return FormPageFactory(
        parent=home, login_required=False, steps=json.dumps([step("Waar is het?", ADDRESS)])
    )


def test_the_address_answer_decides_the_village(page):
    case = case_of(page, [address_answer("UITHUIZEN")], home_town="Winsum")

    assert case.get_village_display() == "Uithuizen"


def test_without_an_address_answer_the_residents_town_decides(page):
    case = case_of(page, [], home_town="Wehe-den Hoorn")

    assert case.get_village_display() == "Wehe-den Hoorn"


def test_an_address_outside_het_hogeland_leaves_the_village_empty(page):
    case = case_of(page, [address_answer("Groningen")], home_town="Winsum")

    assert case.village == ""


def test_the_residents_town_comes_from_the_brp_by_the_bsn_in_the_session():
    assert home_town({SESSION_BSN_TOKEN: bsn_encrypt("999990032")}) == "Uithuizen"
    assert home_town({}) == ""

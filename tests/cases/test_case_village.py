"""The "Kern" filter of the case list (cases/admin_views/listing.py) and the village that
cases.services.case_create stores."""

import re

import pytest

from cases.services import case_create
from tests.cases.admin_fixtures import *  # noqa: F403 (shared fixtures)

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/cases/case/"


def references(response):
    return set(re.findall(r"HH-\d{4}-[0-9A-Z]{6}", response.content.decode()))


def test_a_case_keeps_its_village_and_ignores_an_unknown_one(case_type):
    winsum = case_create(case_type=case_type, title="Lamp kapot", village="winsum")
    nowhere = case_create(case_type=case_type, title="Lamp kapot", village="groningen")

    assert winsum.get_village_display() == "Winsum"
    assert nowhere.village == ""


def test_the_case_list_filters_by_village(client, member, case_type):
    winsum = case_create(case_type=case_type, title="Lamp kapot", village="winsum")
    leens = case_create(case_type=case_type, title="Tegel los", village="leens")
    unknown = case_create(case_type=case_type, title="Boom om")
    client.force_login(member)

    everything = client.get(LIST_URL)
    in_winsum = client.get(LIST_URL, {"village": "winsum"})

    assert references(everything) >= {winsum.reference, leens.reference, unknown.reference}
    assert references(in_winsum) == {winsum.reference}
    content = in_winsum.content.decode()
    assert re.search(r'<label[^>]*for="id_village"[^>]*>\s*Kern', content)
    assert '<option value="winsum" selected>Winsum</option>' in content

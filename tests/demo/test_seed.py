import io

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command

from contacts.crypto import bsn_hash
from contacts.models import Resident

pytestmark = pytest.mark.django_db


def _seed():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def _row_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {"auth", "contacts", "cases", "forms_app", "cms", "wagtailcore", "oauth2_provider"}
    }


def test_seed_twice_changes_nothing():
    _seed()
    after_first = _row_counts()

    _seed()

    assert _row_counts() == after_first


def test_seed_prints_the_demo_logins():
    output = _seed()

    assert "beheerder" in output
    assert "openbareruimte" in output
    for person in settings.DIGID_MOCK_PERSONS:
        assert person["bsn"] in output


def test_demo_residents_are_known_by_their_bsn_hash():
    _seed()

    for person in settings.DIGID_MOCK_PERSONS:
        assert Resident.objects.get(bsn_hash=bsn_hash(person["bsn"])).name == person["name"]


def test_home_service_and_form_pages_are_served(client):
    _seed()

    home = client.get("/")
    service = client.get("/producten-en-diensten/melding-openbare-ruimte/")

    assert home.status_code == 200
    assert "Melding openbare ruimte" in home.content.decode()
    assert service.status_code == 200
    form_url = "/producten-en-diensten/melding-openbare-ruimte/melding-doen/"
    assert f'href="{form_url}"' in service.content.decode()
    assert "Regel het online" in service.content.decode()

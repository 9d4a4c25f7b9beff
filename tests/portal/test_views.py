import pytest

from cases.services import case_add_note, case_change_status
from tests.cases.factories import CaseFactory
from tests.contacts.factories import ResidentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident_client(client):
    from tests.forms_app.conftest import log_in

    resident = ResidentFactory(name="Anna de Vries")
    log_in(client, resident)
    client.resident = resident
    return client


def test_portal_asks_for_login_first(client):
    response = client.get("/mijn/")

    assert response.status_code == 302
    assert response["Location"].startswith("/mijn/inloggen/?next=/mijn/")


def test_staff_without_resident_profile_is_sent_to_digid(client):
    client.force_login(UserFactory(is_staff=True))

    assert client.get("/mijn/")["Location"].startswith("/mijn/inloggen/")


def test_overview_lists_own_cases_with_status(resident_client):
    own = CaseFactory(resident=resident_client.resident, title="Kapotte lantaarnpaal")
    other = CaseFactory(title="Andermans melding")

    content = resident_client.get("/mijn/").content.decode()

    assert own.reference in content
    assert "Kapotte lantaarnpaal" in content
    assert "Ontvangen" in content
    assert other.reference not in content


def test_case_detail_shows_timeline_without_internal_notes(resident_client):
    case = CaseFactory(resident=resident_client.resident)
    staff = UserFactory(is_staff=True)
    case_change_status(
        case=case,
        status=case.case_type.statuses.get(name="In behandeling"),
        by=staff,
        message="We komen donderdag kijken.",
    )
    case_add_note(case=case, text="Bewoner is bekend bij team Wmo", by=staff)

    content = resident_client.get(f"/mijn/aanvragen/{case.reference}/").content.decode()

    assert "In behandeling" in content
    assert "We komen donderdag kijken." in content
    assert "Bewoner is bekend bij team Wmo" not in content


def test_another_residents_case_is_not_found(resident_client):
    other = CaseFactory()

    response = resident_client.get(f"/mijn/aanvragen/{other.reference}/")

    assert response.status_code == 404


def test_unknown_reference_is_not_found(resident_client):
    assert resident_client.get("/mijn/aanvragen/HH-2026-XXXXXX/").status_code == 404


@pytest.mark.parametrize("url", ["/mijn/", "/mijn/inloggen/"])
def test_portal_pages_are_never_cached(client, url):
    response = client.get(url)

    cache_control = response["Cache-Control"]
    assert "private" in cache_control
    assert "no-store" in cache_control


def test_public_pages_for_logged_in_residents_are_not_cached(resident_client):
    response = resident_client.get("/health/")

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_logout_button_visible_only_when_logged_in(client, resident_client):
    from django.test import Client

    assert "Uitloggen" in resident_client.get("/mijn/").content.decode()
    assert "Uitloggen" not in Client().get("/mijn/", follow=True).content.decode()


def test_resident_sees_who_looked_at_their_data(resident_client):
    from contacts.services import access_log_record

    staff = UserFactory(is_staff=True, first_name="Omar", last_name="Visser")
    access_log_record(
        resident=resident_client.resident,
        user=staff,
        what="Aanvraag HH-2026-X",
        reason="Behandeling",
    )
    other = ResidentFactory()
    access_log_record(resident=other, user=staff, what="Aanvraag van iemand anders", reason="x")

    content = resident_client.get("/mijn/gegevens/").content.decode()

    assert "Omar Visser" in content
    assert "Aanvraag HH-2026-X" in content
    assert "Aanvraag van iemand anders" not in content


def test_my_data_requires_login(client):
    assert client.get("/mijn/gegevens/")["Location"].startswith("/mijn/inloggen/")

"""Mijn gegevens: contact details with a confirmed e-mail address, a copy of everything, AVG."""

import datetime as dt
import json
import re

import pytest
from django.core import mail

from cases.models import Case
from cases.services import case_add_note, case_change_status
from contacts.constants import SESSION_BSN_TOKEN
from contacts.crypto import bsn_encrypt
from contacts.services import access_log_record
from tests.cases.factories import CaseFactory, CaseTypeFactory
from tests.contacts.factories import ResidentFactory, TeamFactory, UserFactory
from tests.forms_app.conftest import log_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def anna(client):
    resident = ResidentFactory(name="Anna de Vries", email="anna@example.nl", phone="")
    log_in(client, resident)
    session = client.session
    session[SESSION_BSN_TOKEN] = bsn_encrypt("999990019")
    session.save()
    return resident


def preferences(**overrides):
    return {
        "email": "anna@example.nl",
        "phone": "0595 447 777",
        "preferred_channel": "email",
        "notify_status": "on",
        "notify_messages": "on",
        **overrides,
    }


def test_name_and_address_come_from_the_brp_with_where_to_correct_them(client, anna):
    content = client.get("/mijn/gegevens/").content.decode()

    assert "Hoofdstraat 12" in content and "Winsum" in content
    assert "Basisregistratie Personen" in content


def test_contact_details_and_notification_choices_are_saved(client, anna):
    response = client.post("/mijn/gegevens/", preferences())

    assert response.status_code == 302
    anna.refresh_from_db()
    assert anna.phone == "0595 447 777"
    assert anna.notify_status and anna.notify_messages and not anna.notify_reminders


def test_an_emptied_email_address_is_removed(client, anna):
    response = client.post(
        "/mijn/gegevens/", preferences(email="", preferred_channel="phone"), follow=True
    )

    anna.refresh_from_db()
    assert anna.email == ""
    assert "Uw e-mailadres is verwijderd." in response.content.decode()


def test_emptying_the_field_cancels_an_address_still_waiting_for_confirmation(
    client, anna, django_capture_on_commit_callbacks
):
    # No confirmed address yet, only a new one whose link is on its way.
    anna.email = ""
    anna.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/mijn/gegevens/",
            preferences(email="anna.nieuw@example.nl", preferred_channel="phone"),
        )
    path = re.search(r"https?://[^/]+(/mijn/gegevens/bevestigen/\S+/)", mail.outbox[0].body)[1]

    response = client.post(
        "/mijn/gegevens/", preferences(email="", preferred_channel="phone"), follow=True
    )

    assert "De link in de e-mail werkt niet meer" in response.content.decode()
    client.get(path)
    anna.refresh_from_db()
    assert (anna.email, anna.pending_email) == ("", "")


def test_without_an_email_address_answers_by_email_are_refused(client, anna):
    response = client.post("/mijn/gegevens/", preferences(email=""))

    assert response.status_code == 400
    assert "Vul een e-mailadres in als u antwoord per e-mail wilt" in response.content.decode()
    anna.refresh_from_db()
    assert anna.email == "anna@example.nl"


def test_a_new_email_address_is_used_only_after_confirmation(
    client, anna, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/mijn/gegevens/", preferences(email="anna.nieuw@example.nl"))

    anna.refresh_from_db()
    assert anna.email == "anna@example.nl"
    assert anna.pending_email == "anna.nieuw@example.nl"
    (email,) = mail.outbox
    assert email.to == ["anna.nieuw@example.nl"]
    path = re.search(r"https?://[^/]+(/mijn/gegevens/bevestigen/\S+/)", email.body).group(1)

    tampered = path[:-2] + ("A/" if path[-2] != "A" else "B/")
    client.get(tampered)
    anna.refresh_from_db()
    assert anna.email == "anna@example.nl"

    client.get(path)
    anna.refresh_from_db()
    assert anna.email == "anna.nieuw@example.nl"
    assert anna.pending_email == ""


def test_no_status_email_when_the_resident_opted_out(anna, django_capture_on_commit_callbacks):
    anna.notify_status = False
    anna.save()
    case = CaseFactory(resident=anna)

    with django_capture_on_commit_callbacks(execute=True):
        case_change_status(
            case=case, status=case.case_type.statuses.get(name="In behandeling"), by=UserFactory()
        )

    assert mail.outbox == []


def test_download_holds_everything_but_internal_notes(client, anna):
    case = CaseFactory(resident=anna, title="Kapotte lantaarn")
    case_add_note(case=case, text="Alleen voor collega's", by=UserFactory())
    access_log_record(
        resident=anna, user=UserFactory(first_name="Ilse"), what="Aanvraag", reason="Vraag"
    )

    response = client.get("/mijn/gegevens/download.json")

    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["aanvragen"][0]["kenmerk"] == case.reference
    assert data["inzage door medewerkers"][0]["medewerker"].startswith("Ilse")
    assert "Alleen voor collega's" not in response.content.decode()
    html = client.get("/mijn/gegevens/download.html").content.decode()
    assert "Kapotte lantaarn" in html
    assert client.get("/mijn/gegevens/download.exe").status_code == 404


def test_the_readable_download_shows_dutch_local_dates_and_the_file_keeps_iso(client, anna):
    case = CaseFactory(resident=anna, title="Kapotte lantaarn")
    Case.objects.filter(pk=case.pk).update(
        opened_at=dt.datetime(2026, 11, 30, 11, 48, tzinfo=dt.UTC), due_on=dt.date(2027, 1, 27)
    )

    html = client.get("/mijn/gegevens/download.html").content.decode()
    data = json.loads(client.get("/mijn/gegevens/download.json").content)

    # 11:48 UTC is 12:48 in the Netherlands in winter.
    assert "30 november 2026, 12:48" in html
    assert "27 januari 2027" in html
    assert "2026-11-30T11:48" not in html
    assert data["aanvragen"][0]["ontvangen"] == "2026-11-30T11:48:00+00:00"
    assert data["aanvragen"][0]["antwoord uiterlijk"] == "2027-01-27"


def test_an_avg_request_becomes_a_case(client, anna):
    CaseTypeFactory(slug="avg-verzoek", name="AVG-verzoek", team=TeamFactory())

    response = client.post(
        "/mijn/gegevens/avg-verzoek/",
        {"kind": "verwijdering", "explanation": "Verwijder mijn oude telefoonnummer."},
    )

    case = Case.objects.get(resident=anna)
    assert response["Location"] == f"/mijn/aanvragen/{case.reference}/"
    assert case.title == "AVG-verzoek: Gegevens laten verwijderen"
    assert case.messages.get().body == "Verwijder mijn oude telefoonnummer."


def test_an_avg_request_without_explanation_is_refused(client, anna):
    CaseTypeFactory(slug="avg-verzoek", name="AVG-verzoek", team=TeamFactory())

    response = client.post("/mijn/gegevens/avg-verzoek/", {"kind": "correctie"})

    assert response.status_code == 400
    assert "Schrijf om welke gegevens het gaat." in response.content.decode()
    assert not Case.objects.exists()


def test_each_staff_view_is_one_entry_in_the_access_log(client, anna):
    access_log_record(resident=anna, user=UserFactory(), what="Aanvraag HH-1", reason="Behandeling")

    content = client.get("/mijn/gegevens/").content.decode()

    assert content.count("Aanvraag HH-1") == 1


def test_my_data_says_the_brp_details_cannot_be_shown_when_the_brp_does_not_answer(
    client, anna, settings
):
    settings.BRP_ADAPTER = "tests.contacts.test_registration_brp.BrokenBRP"

    response = client.get("/mijn/gegevens/")

    assert response.status_code == 200
    content = response.content.decode()
    assert "De gegevens uit de BRP zijn nu niet te zien. Probeer het later opnieuw." in content
    assert "Hoofdstraat 12" not in content
    assert 'value="anna@example.nl"' in content  # the contact details can still be changed

"""The registration screen (contacts/backoffice/registration.py) and contacts.services
.contact_register / resident_register."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError

from cases.constants import EventKind
from cases.models import Case
from contacts.constants import (
    REGISTRATION_SUMMARY_MAX_LENGTH,
    Channel,
    ClockKind,
    Outcome,
    TaskKind,
)
from contacts.crypto import bsn_hash
from contacts.models import AccessLogEntry, ContactMoment, Resident, ServiceNorm, Task
from contacts.services import contact_register
from tests.cases.factories import CaseFactory, CaseTypeFactory
from tests.contacts.factories import (
    TEST_BSNS,
    ContactMomentFactory,
    ResidentFactory,
    TeamFactory,
    UserFactory,
)

URL = "/admin/contact/nieuw/"
SEARCH_URL = "/admin/contact/nieuw/zoeken/"
NEW_RESIDENT_URL = "/admin/contact/nieuw/inwoner/"


@pytest.fixture
def wmo():
    return TeamFactory(name="Wmo", slug="wmo")


@pytest.fixture
def anna():
    return ResidentFactory(
        name="Anna de Vries", email="anna@example.nl", phone="06 12345678", bsn=TEST_BSNS[0]
    )


def register(client, resident, **data):
    fields = {
        "channel": Channel.PHONE,
        "topic": "Afvalpas kwijt",
        "summary": "Vraagt hoe ze een nieuwe afvalpas krijgt.",
        "outcome": Outcome.ANSWERED,
        **data,
    }
    target = "anoniem" if resident is None else resident.pk
    return client.post(f"{URL}?inwoner={target}", fields)


# Finding the resident


@pytest.mark.django_db
def test_screen_opens_on_the_search_field(client, employee):
    response = client.get(URL)

    assert response.status_code == 200
    content = response.content.decode()
    assert "<title>Contact registreren" in content
    search_field = re.search(r'<input[^>]*name="zoek"[^>]*>', content).group()
    assert "autofocus" in search_field


@pytest.mark.django_db
def test_editor_without_a_team_may_not_register(client):
    from django.contrib.auth.models import Permission

    editor = UserFactory(is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)

    # Wagtail answers PermissionDenied with a redirect to the dashboard and a message.
    assert client.get(URL).url == "/admin/"
    assert client.post(SEARCH_URL, {"zoek": "Anna"}).url == "/admin/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["anna vries", "ANNA@example.nl", "0612345678", "+31 6 1234 5678", "9999 90 019", "999990019"],
)
def test_one_match_opens_the_registration_form(client, employee, anna, query):
    ResidentFactory(name="Bram Jansen", phone="06 87654321")

    response = client.post(SEARCH_URL, {"zoek": query})

    assert response.status_code == 302
    assert response.url == f"{URL}?inwoner={anna.pk}"


@pytest.mark.django_db
def test_several_matches_are_listed_to_choose_from(client, employee, anna):
    other = ResidentFactory(name="Anna Bakker")

    response = client.post(SEARCH_URL, {"zoek": "anna"})

    assert response.status_code == 200
    content = response.content.decode()
    assert f"?inwoner={anna.pk}" in content
    assert f"?inwoner={other.pk}" in content
    assert "Kies de inwoner (2 gevonden)" in content


@pytest.mark.django_db
def test_invalid_bsn_is_refused_in_dutch(client, employee, anna):
    response = client.post(SEARCH_URL, {"zoek": "123456789"})

    assert response.status_code == 400
    content = response.content.decode()
    assert "<title>Fout: " in content
    assert "Er is een probleem" in content
    assert "Dit is geen geldig burgerservicenummer. Controleer de 9 cijfers." in content


@pytest.mark.django_db
def test_no_match_offers_a_new_resident_with_the_bsn_filled_in(client, employee):
    # A valid BSN that neither a resident nor the (demo) BRP knows.
    unknown = "999990081"
    response = client.post(SEARCH_URL, {"zoek": unknown})

    content = response.content.decode()
    assert "Geen inwoner gevonden" in content
    assert f'value="{unknown}"' in content.split('id="new-title"')[1]


@pytest.mark.django_db
def test_new_resident_is_stored_with_the_bsn_hash_only(client, employee):
    response = client.post(
        NEW_RESIDENT_URL,
        {"name": "Cor Bakker", "email": "cor@example.nl", "phone": "", "bsn": TEST_BSNS[2]},
    )

    resident = Resident.objects.get(name="Cor Bakker")
    assert response.status_code == 302
    assert response.url == f"{URL}?inwoner={resident.pk}"
    assert resident.bsn_hash == bsn_hash(TEST_BSNS[2])
    row = Resident.objects.filter(pk=resident.pk).values().get()
    assert TEST_BSNS[2] not in str(row)


@pytest.mark.django_db
def test_new_resident_with_an_invalid_bsn_is_refused(client, employee):
    response = client.post(NEW_RESIDENT_URL, {"name": "Cor Bakker", "bsn": "123456789"})

    assert response.status_code == 400
    assert "Dit is geen geldig burgerservicenummer" in response.content.decode()
    assert not Resident.objects.exists()


@pytest.mark.django_db
def test_new_resident_with_a_known_bsn_is_the_known_resident(client, employee, anna):
    response = client.post(NEW_RESIDENT_URL, {"name": "A. de Vries", "bsn": TEST_BSNS[0]})

    assert response.url == f"{URL}?inwoner={anna.pk}"
    assert Resident.objects.count() == 1


# The resident beside the form: open cases and recent contacts


@pytest.mark.django_db
def test_resident_panel_shows_open_cases_and_recent_contacts(client, employee, informatie, anna):
    case = CaseFactory(
        resident=anna,
        reference="HH-2026-ACDEFG",
        case_type=CaseTypeFactory(team=informatie, name="Vraag"),
    )
    CaseFactory(resident=anna, reference="HH-2026-CLOSED", closed=True)
    ContactMomentFactory(resident=anna, topic="Container niet geleegd")

    response = client.get(f"{URL}?inwoner={anna.pk}")

    assert response.status_code == 200
    content = response.content.decode()
    assert "HH-2026-ACDEFG" in content
    assert "HH-2026-CLOSED" not in content
    assert "Status: <strong>Ontvangen</strong>" in content
    assert f"beloofd voor {case.due_on.day} " in content
    assert "Container niet geleegd" in content


@pytest.mark.django_db
def test_other_teams_see_only_their_own_contacts_with_the_resident(
    client, staff_of, informatie, wmo, anna
):
    # What a resident asked the Wmo team (a disabled parking card) is not for another team.
    openbare_ruimte = TeamFactory(name="Openbare ruimte", slug="openbare-ruimte")
    ContactMomentFactory(resident=anna, team=wmo, topic="Gehandicaptenparkeerkaart")
    ContactMomentFactory(resident=anna, team=openbare_ruimte, topic="Lantaarnpaal kapot")
    colleague = staff_of(openbare_ruimte)
    ContactMomentFactory(resident=anna, team=None, topic="Eigen notitie", registered_by=colleague)
    ContactMomentFactory(resident=anna, team=None, topic="Vraag aan de balie")

    client.force_login(colleague)
    seen_by_colleague = client.get(f"{URL}?inwoner={anna.pk}").content.decode()
    client.force_login(staff_of(informatie))
    seen_by_informatie = client.get(f"{URL}?inwoner={anna.pk}").content.decode()

    assert "Lantaarnpaal kapot" in seen_by_colleague
    assert "Eigen notitie" in seen_by_colleague
    assert "Gehandicaptenparkeerkaart" not in seen_by_colleague
    assert "Vraag aan de balie" not in seen_by_colleague
    # Unit Informatie answers callers about everything, as it reads every case.
    for topic in ("Gehandicaptenparkeerkaart", "Lantaarnpaal kapot", "Vraag aan de balie"):
        assert topic in seen_by_informatie


@pytest.mark.django_db
def test_resident_panel_writes_exactly_one_access_log_entry(client, employee, anna):
    client.get(f"{URL}?inwoner={anna.pk}")
    # An invalid form shown again is the same look, not a new one.
    register(client, anna, topic="")

    entry = AccessLogEntry.objects.get()
    assert entry.resident == anna
    assert entry.user == employee
    assert entry.reason == "Contact registreren"


@pytest.mark.django_db
def test_anonymous_contact_writes_no_access_log(client, employee, informatie):
    assert client.get(f"{URL}?inwoner=anoniem").status_code == 200

    register(client, None, team=informatie.pk)

    assert ContactMoment.objects.get().resident is None
    assert not AccessLogEntry.objects.exists()


@pytest.mark.django_db
def test_unknown_resident_is_404(client, employee):
    assert client.get(f"{URL}?inwoner=999999").status_code == 404
    assert client.get(f"{URL}?inwoner=abc").status_code == 404


# Outcomes


@pytest.mark.django_db
def test_answered_at_once_stops_the_clock(client, employee, informatie, anna):
    response = register(client, anna, team=informatie.pk)

    assert response.status_code == 302
    contact = ContactMoment.objects.get()
    assert contact.resident == anna
    assert contact.channel == Channel.PHONE
    assert contact.team == informatie
    assert contact.registered_by == employee
    assert contact.outcome == Outcome.ANSWERED
    assert contact.answered_at is not None
    assert contact.clock.stopped_at == contact.answered_at
    assert contact.clock.met is True
    assert not Task.objects.exists()
    page = client.get(response.url).content.decode()
    assert "Contact opgeslagen: Afvalpas kwijt (direct beantwoord)." in page


@pytest.mark.django_db
def test_callback_is_a_task_due_by_the_phone_norm(client, employee, informatie, anna):
    response = register(client, anna, team=informatie.pk, outcome=Outcome.CALLBACK)

    assert response.status_code == 302
    contact = ContactMoment.objects.get()
    task = Task.objects.get()
    phone_norm = ServiceNorm.objects.get(channel=Channel.PHONE)
    assert contact.outcome == Outcome.CALLBACK
    assert contact.answered_at is None
    assert contact.clock.stopped_at is None
    assert task.kind == TaskKind.CALLBACK
    assert task.team == informatie
    assert task.contact_moment == contact
    assert task.created_by == employee
    assert task.assignee is None
    assert task.due_at == phone_norm.due_at(task.created_at)
    assert task.clock.kind == ClockKind.TASK
    assert task.clock.due_at == task.due_at
    assert "Afvalpas kwijt" in task.description
    page = client.get(response.url).content.decode()
    assert "Terugbeltaak voor team Informatie, uiterlijk" in page
    assert f"/admin/taken/{task.pk}/" in page


@pytest.mark.django_db
def test_the_callback_task_says_which_number_to_call(client, employee, informatie, anna):
    register(client, anna, team=informatie.pk, outcome=Outcome.CALLBACK)

    assert Task.objects.get().description.startswith("Terugbellen op 06 12345678.")


@pytest.mark.django_db
def test_an_anonymous_callback_needs_a_number_and_gets_it(client, employee, informatie):
    refused = register(client, None, team=informatie.pk, outcome=Outcome.CALLBACK)

    assert refused.status_code == 400
    assert "Vul het terugbelnummer in" in refused.content.decode()
    assert not ContactMoment.objects.exists() and not Task.objects.exists()

    wrong = register(
        client, None, team=informatie.pk, outcome=Outcome.CALLBACK, callback_phone="abc"
    )
    assert "Vul een geldig telefoonnummer in" in wrong.content.decode()

    register(
        client, None, team=informatie.pk, outcome=Outcome.CALLBACK, callback_phone="0595447777"
    )
    assert Task.objects.get().description.startswith("Terugbellen op 0595 447 777.")


@pytest.mark.django_db
def test_a_new_resident_with_a_phone_number_that_is_not_one_is_refused(client, employee):
    response = client.post(NEW_RESIDENT_URL, {"name": "Karel", "phone": "abc"})

    assert response.status_code == 400
    assert "Vul een geldig telefoonnummer in" in response.content.decode()
    assert not Resident.objects.filter(name="Karel").exists()


@pytest.mark.django_db
def test_forward_is_a_task_for_the_specialist_team(client, employee, wmo, anna):
    register(client, anna, team=wmo.pk, outcome=Outcome.FORWARDED, topic="Traplift")

    task = Task.objects.get()
    assert task.kind == TaskKind.FORWARD
    assert task.team == wmo
    assert ContactMoment.objects.get().outcome == Outcome.FORWARDED


@pytest.mark.django_db
def test_request_opens_a_case_linked_to_the_contact(client, employee, informatie, wmo, anna):
    case_type = CaseTypeFactory(team=wmo, name="Wmo-melding")

    response = register(
        client,
        anna,
        team=informatie.pk,
        outcome=Outcome.CASE_CREATED,
        request_choice=case_type.pk,
        topic="Hulp bij het huishouden",
    )

    assert response.status_code == 302
    contact = ContactMoment.objects.get()
    case = Case.objects.get()
    assert list(case.contact_moments.all()) == [contact]
    assert case.case_type == case_type
    assert case.team == wmo
    assert case.resident == anna
    assert case.email == "anna@example.nl"
    assert case.title == "Hulp bij het huishouden"
    assert case.clock is not None
    assert contact.outcome == Outcome.CASE_CREATED
    assert contact.answered_at is not None
    note = case.events.get(kind=EventKind.NOTE)
    assert "Vraagt hoe ze een nieuwe afvalpas krijgt." in note.text
    assert note.visible_to_resident is False
    page = client.get(response.url).content.decode()
    assert f"{case.reference} is gestart bij team Wmo" in page


@pytest.mark.django_db
def test_request_without_a_case_type_is_refused(client, employee, informatie, anna):
    CaseTypeFactory(team=informatie)

    response = register(client, anna, team=informatie.pk, outcome=Outcome.CASE_CREATED)

    assert response.status_code == 400
    assert "Kies bij ‘Aanvraag starten’ ook het soort aanvraag." in response.content.decode()
    assert not ContactMoment.objects.exists()


@pytest.mark.django_db
def test_summary_over_the_limit_is_refused(client, employee, informatie, anna):
    too_long = "x" * (REGISTRATION_SUMMARY_MAX_LENGTH + 1)

    response = register(client, anna, team=informatie.pk, summary=too_long)

    assert response.status_code == 400
    content = response.content.decode()
    assert "<title>Fout: " in content
    assert "De samenvatting is te lang: maximaal 1000 tekens, u heeft er 1001." in content
    assert 'href="#id_summary"' in content
    assert not ContactMoment.objects.exists()


@pytest.mark.django_db
def test_missing_fields_are_listed_in_the_error_summary(client, employee, anna):
    response = register(client, anna, topic="", summary="", team="")

    content = response.content.decode()
    assert response.status_code == 400
    assert "Kies het team waar de vraag bij hoort." in content
    assert "Vul het onderwerp in" in content
    assert "Vul in wat de inwoner vroeg." in content
    # The channel the employee already chose stays chosen.
    assert 'value="phone" selected' in content


# The service on its own


@pytest.mark.django_db
def test_a_failing_request_undoes_the_whole_contact(informatie, anna):
    def open_request(contact):
        raise ValidationError("Zaaksysteem niet bereikbaar")

    with pytest.raises(ValidationError):
        contact_register(
            channel=Channel.COUNTER,
            topic="Paspoort",
            summary="",
            outcome=Outcome.CASE_CREATED,
            team=informatie,
            resident=anna,
            registered_by=None,
            open_request=open_request,
        )

    assert not ContactMoment.objects.exists()


@pytest.mark.django_db
def test_service_refuses_a_web_channel_and_a_callback_without_team(anna):
    with pytest.raises(ValidationError):
        contact_register(
            channel=Channel.WEB, topic="x", summary="", outcome=Outcome.ANSWERED, registered_by=None
        )
    with pytest.raises(ValidationError, match="team"):
        contact_register(
            channel=Channel.PHONE,
            topic="x",
            summary="",
            outcome=Outcome.CALLBACK,
            registered_by=None,
        )


@pytest.mark.django_db
def test_home_visit_is_a_channel(client, employee, informatie, anna):
    register(client, anna, team=informatie.pk, channel=Channel.HOME_VISIT)

    assert ContactMoment.objects.get().get_channel_display() == "Huisbezoek"


def test_a_due_date_next_year_says_the_year():
    import time_machine

    from contacts.backoffice.registration import _due

    with time_machine.travel(dt.datetime(2026, 12, 31, 10, 0, tzinfo=dt.UTC)):
        assert (
            _due(dt.datetime(2027, 1, 4, 16, 0, tzinfo=dt.UTC)) == "maandag 4 januari 2027, 17:00"
        )
        assert (
            _due(dt.datetime(2026, 12, 31, 16, 0, tzinfo=dt.UTC)) == "donderdag 31 december, 17:00"
        )


@pytest.mark.django_db
def test_a_new_resident_with_the_bsn_of_someone_else_is_refused(client, employee, anna):
    response = client.post(NEW_RESIDENT_URL, {"name": "Jan de Vries", "bsn": TEST_BSNS[0]})

    assert response.status_code == 400
    assert "Dit BSN hoort bij Anna de Vries, niet bij Jan de Vries." in response.content.decode()
    assert not Resident.objects.filter(name="Jan de Vries").exists()

    same = client.post(NEW_RESIDENT_URL, {"name": "A. de Vries", "bsn": TEST_BSNS[0]})
    assert same.status_code == 302
    assert same.url.endswith(f"?inwoner={anna.pk}")


def test_a_phone_number_with_an_extension_is_refused():
    from django.core.exceptions import ValidationError

    from contacts.phones import dutch_phone

    assert dutch_phone("0595447777") == "0595 447 777"
    with pytest.raises(ValidationError):
        dutch_phone("0595447777x123")

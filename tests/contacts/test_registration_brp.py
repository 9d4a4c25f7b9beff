"""The registration screen finds residents in the BRP: by name and date of birth, by postcode
and house number, by a BSN nobody has yet. A person chosen from the BRP becomes a resident
(keyed hash only) when the contact is saved; the BSN never reaches the page."""

import logging
import re

import pytest
from django.core.exceptions import ValidationError

from contacts.backoffice import person_choice
from contacts.brp import BRPAdapter, BRPUnavailable
from contacts.constants import Channel, Outcome
from contacts.crypto import bsn_hash
from contacts.models import AccessLogEntry, ContactMoment, Resident, Team
from contacts.services import contact_register_for_person
from tests.contacts.factories import ResidentFactory
from tests.ops.logged import logged_text

URL = "/admin/contact/nieuw/"
SEARCH_URL = "/admin/contact/nieuw/zoeken/"
CHOOSE_URL = "/admin/contact/nieuw/persoon/"
ANNA_BSN, JAN_BSN = "999990019", "999990044"  # demo BRP: both at Hoofdstraat 12, Winsum
DEMO_BSNS = [ANNA_BSN, "999990020", "999990032", JAN_BSN, "999990056", "999990068"]

pytestmark = pytest.mark.django_db


class BrokenBRP(BRPAdapter):
    def person(self, bsn):
        raise BRPUnavailable

    def search_by_name(self, *, name, birth_date):
        raise BRPUnavailable

    def search_by_address(self, *, postcode, house_number, addition=""):
        raise BRPUnavailable


@pytest.fixture
def anna():
    return ResidentFactory(name="Anna de Vries", email="anna@example.nl", bsn=ANNA_BSN)


def assert_no_bsn(content):
    for bsn in DEMO_BSNS:
        assert bsn not in content


def person_token(content):
    return re.search(r'name="persoon" value="([^"]+)"', content).group(1)


def save_contact(client, token, *, follow=False, **data):
    return client.post(
        URL,
        {
            "persoon": token,
            "channel": Channel.PHONE,
            "team": Team.objects.get(slug="informatie").pk,
            "topic": "Stoep verzakt",
            "summary": "Voor nummer 12.",
            "outcome": Outcome.ANSWERED,
            **data,
        },
        follow=follow,
    )


def test_postcode_and_house_number_list_the_household(client, employee, anna):
    response = client.post(SEARCH_URL, {"zoek": "9951 aa 12"})

    assert response.status_code == 200
    content = response.content.decode()
    assert "Kies de inwoner (2 gevonden)" in content
    hits = content.split('data-testid="resident-hits"')[1].split("</ul>")[0]
    assert f'href="{URL}?inwoner={anna.pk}"' in hits
    assert "Jan de Vries" in hits and "(nog niet bij ons bekend)" in hits
    assert "geboren 30-05-1983" in hits and "Hoofdstraat 12, Winsum" in hits
    assert_no_bsn(content)


def test_a_person_from_the_brp_becomes_a_resident_when_the_contact_is_saved(client, employee, anna):
    listed = client.post(SEARCH_URL, {"zoek": "9951AA 12"}).content.decode()

    chosen = client.post(CHOOSE_URL, {"persoon": person_token(listed)})

    content = chosen.content.decode()
    assert chosen.status_code == 200
    assert "Contact met Jan de Vries" in content
    assert "Nog niet bij ons bekend" in content
    assert_no_bsn(content)
    assert not Resident.objects.filter(bsn_hash=bsn_hash(JAN_BSN)).exists()

    saved = save_contact(client, person_token(content))

    assert saved.status_code == 302
    jan = Resident.objects.get(bsn_hash=bsn_hash(JAN_BSN))
    assert jan.name == "Jan de Vries"
    assert JAN_BSN not in str(Resident.objects.filter(pk=jan.pk).values().get())
    assert ContactMoment.objects.get().resident == jan
    entry = AccessLogEntry.objects.get(resident=jan)
    assert (entry.user, entry.what) == (employee, "Naam, geboortedatum en adres uit de BRP")


def test_an_invalid_form_keeps_the_chosen_person(client, employee):
    opened = client.post(SEARCH_URL, {"zoek": "de vries 30-05-1983"}).content.decode()

    response = save_contact(client, person_token(opened), topic="")

    assert response.status_code == 400
    content = response.content.decode()
    assert "Contact met Jan de Vries" in content
    assert person_token(content)
    assert not Resident.objects.exists()


def test_one_person_by_name_and_birth_date_opens_the_form_at_once(client, employee):
    response = client.post(SEARCH_URL, {"zoek": "J de Vries 30-05-1983"})

    assert response.status_code == 200
    content = response.content.decode()
    assert "Contact met Jan de Vries" in content
    assert re.search(r'<select[^>]*name="channel"[^>]*autofocus', content)
    assert_no_bsn(content)


def test_a_known_resident_by_name_and_birth_date_opens_their_form(client, employee, anna):
    response = client.post(SEARCH_URL, {"zoek": "de vries 12-03-1985"})

    assert response.url == f"{URL}?inwoner={anna.pk}"


def test_a_bsn_nobody_has_yet_opens_the_form_for_the_person_in_the_brp(client, employee):
    response = client.post(SEARCH_URL, {"zoek": JAN_BSN})

    content = response.content.decode()
    assert "Contact met Jan de Vries" in content
    assert_no_bsn(content)


def test_an_impossible_date_of_birth_is_refused_in_dutch(client, employee):
    response = client.post(SEARCH_URL, {"zoek": "de Vries 30-02-1983"})

    assert response.status_code == 400
    content = response.content.decode()
    assert "<title>Fout: " in content
    assert "De geboortedatum 30-02-1983 bestaat niet." in content


def test_the_brp_not_answering_says_how_to_go_on(client, employee, settings):
    settings.BRP_ADAPTER = "tests.contacts.test_registration_brp.BrokenBRP"

    response = client.post(SEARCH_URL, {"zoek": "9951 AA 12"})

    assert response.status_code == 503
    assert "De BRP geeft nu geen antwoord." in response.content.decode()


def test_a_token_of_another_employee_is_refused(client, employee, staff_of, informatie):
    listed = client.post(SEARCH_URL, {"zoek": "9951AA 12"}).content.decode()
    client.force_login(staff_of(informatie))

    response = client.post(CHOOSE_URL, {"persoon": person_token(listed)}, follow=True)

    assert "Die keuze is verlopen. Zoek de inwoner opnieuw." in response.content.decode()


def test_an_expired_token_saves_nothing(client, employee, monkeypatch):
    opened = client.post(SEARCH_URL, {"zoek": "de vries 30-05-1983"}).content.decode()
    monkeypatch.setattr(person_choice, "MAX_AGE_SECONDS", -1)

    response = save_contact(client, person_token(opened), follow=True)

    assert "Die keuze is verlopen. Zoek de inwoner opnieuw." in response.content.decode()
    assert not ContactMoment.objects.exists()
    assert not Resident.objects.exists()


def test_a_forged_token_is_refused(client, employee):
    response = client.post(CHOOSE_URL, {"persoon": "niet-echt"})

    assert response.status_code == 302
    assert not Resident.objects.exists()


def test_a_chosen_person_is_saved_even_when_the_brp_stops_answering(client, employee, settings):
    opened = client.post(SEARCH_URL, {"zoek": "de vries 30-05-1983"}).content.decode()
    settings.BRP_ADAPTER = "tests.contacts.test_registration_brp.BrokenBRP"

    response = save_contact(client, person_token(opened))

    assert response.status_code == 302
    assert Resident.objects.get(bsn_hash=bsn_hash(JAN_BSN)).name == "Jan de Vries"


# The service behind saving a contact about a person from the BRP


def test_a_contact_about_a_brp_person_saves_resident_log_and_contact_together(employee, informatie):
    registration = contact_register_for_person(
        bsn=JAN_BSN,
        name="Jan de Vries",
        registered_by=employee,
        channel=Channel.PHONE,
        team=informatie,
        topic="Afvalpas",
        summary="",
        outcome=Outcome.ANSWERED,
    )

    jan = Resident.objects.get(bsn_hash=bsn_hash(JAN_BSN))
    assert registration.contact.resident == jan
    assert AccessLogEntry.objects.filter(resident=jan, user=employee).count() == 1


@pytest.mark.parametrize("failure", ["refused", "request_fails"])
def test_a_failing_contact_about_a_brp_person_leaves_nothing_half_saved(
    employee, informatie, failure
):
    def open_request(contact):
        raise RuntimeError("the request could not be opened")

    with pytest.raises(ValidationError if failure == "refused" else RuntimeError):
        contact_register_for_person(
            bsn=JAN_BSN,
            name="Jan de Vries",
            registered_by=employee,
            channel=Channel.PHONE,
            team=informatie,
            topic="" if failure == "refused" else "Paspoort",
            summary="",
            outcome=Outcome.ANSWERED if failure == "refused" else Outcome.CASE_CREATED,
            open_request=open_request,
        )

    assert not Resident.objects.exists()
    assert not AccessLogEntry.objects.exists()
    assert not ContactMoment.objects.exists()


# A search in the BRP leaves a trace in the security log


@pytest.mark.parametrize(
    ("typed", "kind", "results"),
    [("de vries 30-05-1983", "name_birth_date", 1), ("9951AA 12", "address", 2)],
)
def test_a_brp_search_is_logged_without_who_was_searched_for(
    client, employee, caplog, typed, kind, results
):
    with caplog.at_level(logging.INFO, logger="hogeland.security"):
        client.post(SEARCH_URL, {"zoek": typed})

    [record] = [r for r in caplog.records if r.name == "hogeland.security"]
    message = logged_text(record)
    assert f"user={employee.pk}" in message
    assert f"search={kind}" in message
    assert f"results={results}" in message
    for private in (*DEMO_BSNS, "vries", "Vries", "1983", "9951", "30-05"):
        assert private not in message


def test_a_brp_search_that_gets_no_answer_is_logged_too(client, employee, caplog, settings):
    settings.BRP_ADAPTER = "tests.contacts.test_registration_brp.BrokenBRP"

    with caplog.at_level(logging.INFO, logger="hogeland.security"):
        client.post(SEARCH_URL, {"zoek": "9951AA 12"})

    [record] = [r for r in caplog.records if r.name == "hogeland.security"]
    assert "search=address" in record.getMessage()
    assert "results=unavailable" in record.getMessage()

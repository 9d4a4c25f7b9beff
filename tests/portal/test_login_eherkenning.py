"""eHerkenning: a business logs in by KvK number, sees its own requests, and the header says
on whose behalf."""

import pytest
from django.core.exceptions import ValidationError

from contacts.constants import SESSION_ASSURANCE_LEVEL, SESSION_BSN_TOKEN, ResidentKind
from contacts.models import Resident
from contacts.services import resident_login_business
from tests.cases.factories import CaseFactory
from tests.contacts.factories import ResidentFactory
from tests.portal.oidc import login_with_digid, login_with_eherkenning

pytestmark = pytest.mark.django_db
KVK = "68750110"
BRANCH = "000038509504"


def _header(client):
    from bs4 import BeautifulSoup

    page = BeautifulSoup(client.get("/mijn/").content, "html.parser")
    who = page.select_one("[data-testid=ingelogd-namens]")
    return who.get_text(strip=True) if who else ""


def test_a_business_logs_in_with_its_kvk_number(client):
    response = login_with_eherkenning(client, KVK)

    assert response["Location"] == "/mijn/"
    business = Resident.objects.get()
    assert business.kind == ResidentKind.BUSINESS
    assert business.kvk_number == KVK
    assert business.bsn_hash is None
    assert not business.user.has_usable_password()
    # eH3 is the mock's default level.
    assert client.session[SESSION_ASSURANCE_LEVEL] == "substantieel"
    assert SESSION_BSN_TOKEN not in client.session
    assert "U bent ingelogd met eHerkenning." in [str(m) for m in response.wsgi_request._messages]


def test_the_header_says_on_whose_behalf_by_kvk_number(client):
    # A number the (demo) KvK register does not know: no name to show.
    login_with_eherkenning(client, "12345678")

    assert _header(client) == "Ingelogd namens KvK 12345678"


def test_the_header_names_the_business_and_the_branch(client):
    ResidentFactory(
        kind=ResidentKind.BUSINESS, kvk_number=KVK, name="Bakkerij De Hoogte", user=None
    )

    login_with_eherkenning(client, KVK, branch=BRANCH)

    # A branch the register does not list for this business: named by its number.
    assert _header(client) == f"Ingelogd namens Bakkerij De Hoogte, vestiging {BRANCH} (KvK {KVK})"


def test_a_person_sees_their_own_name(client):
    login_with_digid(client)
    Resident.objects.update(name="Anna de Vries")

    assert _header(client) == "Ingelogd als Anna de Vries"


def test_a_business_registered_by_staff_is_found_again(client):
    known = ResidentFactory(kind=ResidentKind.BUSINESS, kvk_number=KVK, user=None)
    case = CaseFactory(resident=known, title="Terrasvergunning")

    login_with_eherkenning(client, KVK)

    assert Resident.objects.get() == known
    assert case.reference in client.get("/mijn/aanvragen/").content.decode()


def test_every_login_of_a_kvk_number_is_the_same_party_also_per_branch(client):
    login_with_eherkenning(client, KVK)
    client.post("/mijn/uitloggen/")
    login_with_eherkenning(client, KVK, branch=BRANCH)

    assert Resident.objects.count() == 1


def test_a_business_sees_only_its_own_requests(client):
    other = ResidentFactory(kind=ResidentKind.BUSINESS, kvk_number="69599084", user=None)
    person_with_same_number = ResidentFactory(kvk_number="")
    theirs = CaseFactory(resident=other, title="Andermans vergunning")
    persons = CaseFactory(resident=person_with_same_number, title="Melding van een inwoner")
    login_with_eherkenning(client, KVK)
    own = CaseFactory(resident=Resident.objects.get(kvk_number=KVK), title="Eigen vergunning")

    listing = client.get("/mijn/aanvragen/?toon=alle").content.decode()

    assert own.reference in listing
    assert theirs.reference not in listing
    assert persons.reference not in listing
    assert client.get(f"/mijn/aanvragen/{own.reference}/").status_code == 200
    assert client.get(f"/mijn/aanvragen/{theirs.reference}/").status_code == 404


def test_a_person_and_a_business_are_different_parties(client):
    login_with_digid(client)
    person = Resident.objects.get()
    client.post("/mijn/uitloggen/")
    person_case = CaseFactory(resident=person)

    login_with_eherkenning(client, KVK)

    assert client.get(f"/mijn/aanvragen/{person_case.reference}/").status_code == 404


@pytest.mark.parametrize(
    ("kvk", "branch"),
    [("1234567", ""), ("123456789", ""), ("abcdefgh", ""), (KVK, "123"), (KVK, "abcdefghijkl")],
)
def test_the_service_refuses_malformed_numbers(kvk, branch):
    with pytest.raises(ValidationError):
        resident_login_business(kvk=kvk, branch=branch)
    assert not Resident.objects.exists()

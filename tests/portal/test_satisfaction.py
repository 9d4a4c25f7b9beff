"""The one question when a request closes: by a signed link, for a closed request only."""

import pytest
from django.core import signing

from cases.models import SatisfactionResponse
from cases.services import case_change_status, case_close
from tests.cases.factories import CaseFactory
from tests.contacts.factories import ResidentFactory, UserFactory

pytestmark = pytest.mark.django_db


def _link(case):
    return f"/tevredenheid/{signing.dumps(case.pk, salt='cases.satisfaction', compress=True)}/"


@pytest.fixture
def closed_case():
    case = CaseFactory(resident=ResidentFactory())
    case_close(case=case, by=UserFactory(), result="Klacht gegrond, excuses aangeboden")
    case.refresh_from_db()
    return case


def test_the_resident_scores_a_closed_request(client, closed_case):
    link = _link(closed_case)
    assert client.get(link).status_code == 200

    response = client.post(link, {"score": "4", "comment": "Snel geholpen."})

    assert response.status_code == 200
    assert SatisfactionResponse.objects.get(case=closed_case).score == 4


def test_a_reopened_request_has_no_old_result_and_its_link_says_why_it_stopped(client, closed_case):
    status = closed_case.case_type.statuses.get(name="In behandeling")
    case_change_status(case=closed_case, status=status, by=UserFactory())
    closed_case.refresh_from_db()

    assert closed_case.result == ""
    response = client.get(_link(closed_case))
    assert response.status_code == 404
    assert "Wij zijn weer bezig met uw aanvraag" in response.content.decode()


def test_a_broken_link_says_so_in_dutch(client, closed_case):
    response = client.get(_link(closed_case)[:-3] + "x/")

    assert response.status_code == 404
    assert "Deze link werkt niet meer" in response.content.decode()

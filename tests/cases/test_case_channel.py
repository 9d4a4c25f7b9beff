"""A case's norm clock counts for the channel the request came in by, so the "Servicenormen"
dashboard shows real cases under that channel and not under "Geen kanaal"."""

import uuid

import pytest

from cases.contact_extensions import CaseRequestOutcome
from cases.models import Case
from cases.services import case_create, case_open_by_resident
from contacts.backoffice.dashboard_norms import compute
from contacts.constants import Channel, ClockKind, Outcome
from contacts.services import clock_stop, contact_register
from forms_app.services.submissions import submit
from tests.cases.factories import CaseTypeFactory
from tests.cms.factories import make_home
from tests.contacts.factories import ResidentFactory, UserFactory
from tests.forms_app.factories import FormPageFactory

pytestmark = pytest.mark.django_db


def dashboard_labels(case):
    clock_stop(clock=case.clock)
    figures = compute(now=case.clock.stopped_at, kind=ClockKind.CASE)
    return [row.channel_label for row in figures.rows if row.team_id == case.team_id]


def test_a_case_from_a_web_form_counts_under_webformulier():
    page = FormPageFactory(parent=make_home(), case_type=CaseTypeFactory())

    submission = submit(page=page, answers=[], idempotency_key=uuid.uuid4())

    case = Case.objects.get(pk=submission.case_id)
    assert case.clock.channel == Channel.WEB
    assert dashboard_labels(case) == ["Webformulier"]


def test_a_case_opened_at_the_counter_counts_under_balie():
    case_type = CaseTypeFactory()
    employee = UserFactory(is_staff=True)

    def open_request(contact):
        return CaseRequestOutcome().handle(contact=contact, choice=str(case_type.pk), by=employee)

    contact_register(
        channel=Channel.COUNTER,
        topic="Losse stoeptegel",
        summary="",
        outcome=Outcome.CASE_CREATED,
        registered_by=employee,
        resident=ResidentFactory(),
        open_request=open_request,
    )

    case = Case.objects.get()
    assert case.clock.channel == Channel.COUNTER
    assert dashboard_labels(case) == ["Balie"]


def test_a_request_from_mijn_hogeland_counts_under_webformulier():
    case = case_open_by_resident(
        case_type=CaseTypeFactory(), title="Inzageverzoek", resident=ResidentFactory(), text="Graag"
    )

    assert case.clock.channel == Channel.WEB


def test_a_case_opened_without_a_contact_or_channel_is_still_geen_kanaal():
    case = case_create(case_type=CaseTypeFactory(), title="Losse stoeptegel")

    assert dashboard_labels(case) == ["Geen kanaal"]

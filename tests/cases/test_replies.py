"""A resident's reply on a case reaches the team, and answering it closes what it opened."""

import pytest

from cases.models import StatusType
from cases.services import (
    case_change_status,
    case_close,
    message_from_resident,
    message_to_resident,
)
from contacts.constants import TaskKind, TaskStatus
from contacts.models import Task
from tests.cases.factories import CaseFactory
from tests.contacts.factories import ResidentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    return CaseFactory(resident=ResidentFactory(), title="Losliggende stoeptegel")


def _reply(case, text="Hier is de foto."):
    return message_from_resident(resident=case.resident, case=case, subject="Foto", body=text)


def test_a_reply_is_a_task_in_the_team_queue_for_the_handler(case):
    handler = UserFactory()
    case_change_status(
        case=case, status=case.case_type.statuses.get(name="In behandeling"), by=handler
    )

    _reply(case)

    (task,) = Task.objects.filter(team=case.team, status=TaskStatus.OPEN)
    assert task.kind == TaskKind.ANSWER
    assert task.assignee == handler
    assert case.reference in task.description


def test_a_reply_on_a_closed_case_still_reaches_the_team(case):
    case_close(case=case, by=UserFactory(), result="Tegel vastgezet")

    _reply(case, "De tegel ligt er weer los.")

    (task,) = Task.objects.filter(team=case.team, status=TaskStatus.OPEN)
    assert task.assignee is None  # the team's queue: whoever picks it up


def test_a_reply_ends_the_wait_for_the_resident(case):
    waiting = StatusType.objects.create(
        case_type=case.case_type, name="Wacht op inwoner", order=10, pauses_clock=True
    )
    case_change_status(case=case, status=waiting, by=UserFactory())

    _reply(case)

    case.refresh_from_db()
    assert case.status.name == "In behandeling"
    assert case.events.filter(status__name="In behandeling", visible_to_resident=True).exists()


def test_answering_the_resident_finishes_the_reply_task_and_its_contact(case):
    _reply(case)
    _reply(case, "Nog een foto.")
    staff = UserFactory()

    message_to_resident(
        resident=case.resident, case=case, subject="Dank u", body="We gaan aan de slag.", by=staff
    )

    assert not Task.objects.filter(status=TaskStatus.OPEN).exists()
    replies = case.contact_moments.filter(channel="web")
    assert replies.count() == 2
    assert all(contact.answered_at is not None for contact in replies)


def test_a_reply_goes_back_to_the_status_the_case_had_before_the_wait(case):
    later = StatusType.objects.create(case_type=case.case_type, name="Bij de aannemer", order=20)
    waiting = StatusType.objects.create(
        case_type=case.case_type, name="Wacht op inwoner", order=10, pauses_clock=True
    )
    case_change_status(case=case, status=later, by=UserFactory())
    case_change_status(case=case, status=waiting, by=UserFactory())

    _reply(case)

    case.refresh_from_db()
    assert case.status == later

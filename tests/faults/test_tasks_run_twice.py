"""A worker killed halfway runs the task again: its e-mail must not go out twice.

Every e-mail task queues its message in the outbox under a key of its own, so a second run
(a retry after a crash, or the same task enqueued twice) finds the message already there.
"""

import datetime as dt

import pytest
from django.core import mail

from cases.models import CaseEvent
from cases.services import case_change_status
from cases.tasks import send_status_email
from contacts.backoffice.dashboard_digest import send_team_digests
from contacts.constants import ClockKind, NormUnit
from contacts.models import NormClock
from forms_app.models import Submission
from forms_app.tasks import send_confirmation_email
from outbox.models import OutboundEmail
from outbox.services import send_due
from tests.cases.factories import CaseFactory
from tests.cases.test_services import status_of
from tests.contacts.factories import ResidentFactory, TeamFactory, UserFactory
from tests.forms_app.test_wizard import fill_default
from tests.forms_app.wizard_client import Wizard

pytestmark = pytest.mark.django_db


def sent_after_two_runs(task, **kwargs):
    task.call(**kwargs)
    # The worker died after queueing but before reporting success: the task runs again.
    task.call(**kwargs)
    send_due()
    send_due()
    return mail.outbox


def test_confirmation_task_run_twice_sends_one_email(
    client, resident, form_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        fill_default(Wizard(client, form_page)).submit()
    submission = Submission.objects.get()

    sent = sent_after_two_runs(send_confirmation_email, submission_id=submission.pk)

    assert len(sent) == 1
    assert submission.case.reference in sent[0].subject
    assert OutboundEmail.objects.count() == 1


def test_status_email_task_run_twice_sends_one_email(django_capture_on_commit_callbacks):
    case = CaseFactory(resident=ResidentFactory(email="anna@example.nl"))
    with django_capture_on_commit_callbacks(execute=False):
        case_change_status(
            case=case, status=status_of(case, "In behandeling"), by=UserFactory(is_staff=True)
        )
    event = CaseEvent.objects.get(case=case, status__isnull=False)

    sent = sent_after_two_runs(send_status_email, event_id=event.pk)

    assert len(sent) == 1
    assert sent[0].to == ["anna@example.nl"]


def test_team_digest_run_twice_on_a_day_sends_one_email():
    team = TeamFactory(email="wmo@example.nl")
    now = dt.datetime(2026, 12, 4, 6, 0, tzinfo=dt.UTC)
    NormClock.objects.create(
        kind=ClockKind.TASK,
        team=team,
        norm_amount=2,
        norm_unit=NormUnit.WORKING_DAYS,
        started_at=now - dt.timedelta(days=4),
        due_at=now - dt.timedelta(days=1),
    )

    assert send_team_digests(now=now) == 1
    assert send_team_digests(now=now + dt.timedelta(minutes=5)) == 1
    send_due()

    assert len(mail.outbox) == 1

import uuid

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from cases.services import case_create
from contacts.constants import Channel, Outcome
from contacts.models import Resident
from contacts.services import contact_moment_register
from forms_app import tasks
from forms_app.models import FormPage, Submission


def submit(
    *,
    page: FormPage,
    answers: list[dict],
    idempotency_key: uuid.UUID,
    resident: Resident | None = None,
    email: str = "",
) -> Submission:
    """Submit a form: Submission, Case and ContactMoment in one transaction.

    Submitting the same key again (a double click, a resent POST) returns the first
    submission instead of opening a second case.
    """
    existing = _existing(idempotency_key, resident)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            case_type = page.case_type
            contact = contact_moment_register(
                channel=Channel.WEB,
                topic=page.title,
                resident=resident,
                team=case_type.team,
                outcome=Outcome.CASE_CREATED,
            )
            case = case_create(
                case_type=case_type,
                title=page.title,
                resident=resident,
                email=email,
                contact_moment=contact,
            )
            submission = Submission.objects.create(
                form_page=page,
                form_title=page.title,
                case=case,
                resident=resident,
                answers=answers,
                idempotency_key=idempotency_key,
            )
            transaction.on_commit(
                lambda: tasks.send_confirmation_email.enqueue(submission_id=submission.pk)
            )
    except IntegrityError:
        # A concurrent request with the same key won the race.
        existing = _existing(idempotency_key, resident)
        if existing is None:
            raise
        return existing
    return submission


def _existing(idempotency_key, resident) -> Submission | None:
    submission = (
        Submission.objects.select_related("case").filter(idempotency_key=idempotency_key).first()
    )
    if submission is not None and submission.resident_id != (resident.pk if resident else None):
        raise PermissionDenied
    return submission

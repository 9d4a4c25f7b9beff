import uuid

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from cases import selectors as case_selectors
from cases.services import case_create
from contacts import norms
from contacts.constants import Channel, Outcome
from contacts.models import Resident
from contacts.places import village_for_town
from contacts.services import access_log_record_many, contact_moment_register
from forms_app import answers as answer_contract
from forms_app import tasks
from forms_app.models import Draft, FormPage, Submission
from forms_app.services.stats import run_submitted


def submit(
    *,
    page: FormPage,
    answers: list[dict],
    idempotency_key: uuid.UUID,
    resident: Resident | None = None,
    email: str = "",
    owner_token_hash: str = "",
    run_id: int | None = None,
    channel: str = Channel.WEB,
    intermediary=None,
    home_town: str = "",
) -> Submission:
    """Submit a form: Submission, Case and ContactMoment in one transaction.

    ``answers`` are in the shape of forms_app.answers. Submitting the same key again (a double
    click, a resent POST) returns the first submission instead of opening a second case. The
    resident's draft goes in the same transaction; the uploads are linked to the submission.
    The case's village is the town of the form's address answer or, without one, the
    ``home_town`` (the logged-in resident's address in the BRP).

    The unique key is what keeps a submission single: a repeated key fails at the insert, the
    transaction rolls back and the first submission is returned. (No lookup first: a repeat is
    rare, and the wizard looks up a repeat whose draft is gone before it gets here.)
    """
    definition = page.definition
    email = email or answer_contract.email_in(
        definition, {answer["key"]: answer["value"] for answer in answers}
    )
    try:
        # One read of the closing days for both clocks (contact and case).
        with transaction.atomic(), norms.one_calendar():
            # The case's first status with its type and team (the contact, both clocks and
            # the case need them), from the cache.
            initial_status = case_selectors.initial_status(page.case_type_id)
            case_type = initial_status.case_type
            title = answer_contract.case_title(definition, answers, fallback=page.title)
            contact = contact_moment_register(
                channel=channel,
                topic=title,
                resident=resident,
                team=case_type.team,
                outcome=Outcome.CASE_CREATED,
                registered_by=intermediary,
            )
            case = case_create(
                case_type=case_type,
                title=title,
                resident=resident,
                email=email,
                contact_moment=contact,
                village=village_for_town(answer_contract.town_in(answers) or home_town),
                initial_status=initial_status,
            )
            submission = Submission.objects.create(
                form_page=page,
                form_revision_id=page.live_revision_id,
                form_title=page.title,
                case=case,
                resident=resident,
                answers=answers,
                idempotency_key=idempotency_key,
                channel=channel,
                intermediary=intermediary,
            )
            upload_ids = [
                upload_id
                for answer in answers
                if answer["type"] == "file"
                for upload_id in answer["value"] or []
            ]
            if upload_ids:
                from forms_app.uploads import uploads_attach

                uploads_attach(
                    owner_token_hash=owner_token_hash, uuids=upload_ids, submission=submission
                )
            if resident is not None and intermediary is None:
                # Assisted submissions leave the resident's own draft of this form alone.
                Draft.objects.visible_to_resident(resident).filter(form_page=page).delete()
            run_submitted(run_id=run_id)
            transaction.on_commit(
                lambda: tasks.send_confirmation_email.enqueue(submission_id=submission.pk)
            )
    except IntegrityError:
        # The key was submitted before, or by a concurrent request that won the race.
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
    # Another branch of the same business is someone else too.
    if (
        submission is not None
        and resident is not None
        and submission.case.branch_number != resident.branch_scope
    ):
        raise PermissionDenied
    return submission


def submissions_export_record(*, page: FormPage, submissions, user) -> int:
    """Each resident in an export of ``submissions`` (already scoped to ``user``) reads in
    Mijn Hogeland that their answers were exported: one entry per resident and branch."""
    return access_log_record_many(
        residents=submissions.exclude(resident=None)
        .values_list("resident_id", "case__branch_number")
        .order_by()
        .distinct()
        .iterator(),
        user=user,
        what=_("Uw antwoorden op ‘%(form)s’, in een export") % {"form": page.title},
        reason=_("Export van inzendingen voor de behandeling"),
    )

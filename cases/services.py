from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import tasks
from cases.constants import INITIAL_STATUS_NAME, EventKind
from cases.models import Case, CaseEvent, CaseType, StatusType
from cases.references import new_reference
from contacts import calendar
from contacts.models import ContactMoment, Resident

_REFERENCE_ATTEMPTS = 5


@transaction.atomic
def case_create(
    *,
    case_type: CaseType,
    title: str,
    resident: Resident | None = None,
    email: str = "",
    contact_moment: ContactMoment | None = None,
) -> Case:
    """Open a case with status "Ontvangen" and an answer date from the case type's lead time."""
    now = timezone.now()
    status = case_type.statuses.get(name=INITIAL_STATUS_NAME)
    case = Case(
        case_type=case_type,
        team=case_type.team,
        resident=resident,
        email=email,
        status=status,
        title=title,
        opened_at=now,
        due_on=calendar.add_working_days(timezone.localdate(now), case_type.lead_time_days),
    )
    for attempt in range(_REFERENCE_ATTEMPTS):
        case.reference = new_reference()
        try:
            with transaction.atomic():
                case.save()
            break
        except IntegrityError:
            if attempt == _REFERENCE_ATTEMPTS - 1:
                raise
    if contact_moment is not None:
        case.contact_moments.add(contact_moment)
    CaseEvent.objects.create(case=case, kind=EventKind.CREATED, status=status, created_at=now)
    return case


@transaction.atomic
def case_change_status(*, case: Case, status: StatusType, by, message: str = "") -> CaseEvent:
    """Move a case to another status; the message goes to the resident with it."""
    if status.case_type_id != case.case_type_id:
        raise ValidationError(_("Deze status hoort niet bij dit soort aanvraag."))
    if status.pk == case.status_id and not message:
        raise ValidationError(_("De aanvraag heeft deze status al. Kies een andere status."))
    now = timezone.now()
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not status.is_final:
        case.closed_at = None
    elif case.closed_at is None or case.status_id != status.pk:
        case.closed_at = now
    case.status = status
    if case.handler_id is None:
        case.handler = by
    case.save(update_fields=["status", "closed_at", "handler"])
    event = CaseEvent.objects.create(
        case=case,
        kind=EventKind.STATUS,
        status=status,
        text=message.strip(),
        created_by=by,
        created_at=now,
    )
    transaction.on_commit(lambda: tasks.send_status_email.enqueue(event_id=event.pk))
    return event


@transaction.atomic
def case_add_note(*, case: Case, text: str, by) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case,
        kind=EventKind.NOTE,
        text=text.strip(),
        visible_to_resident=False,
        created_by=by,
        created_at=timezone.now(),
    )


@transaction.atomic
def case_redact(*, case: Case, title: str) -> Case:
    """Replace a title made from a resident's answers once those answers are deleted.

    The case keeps its reference, type and dates; the contact moments lose the same text.
    """
    case = Case.objects.select_for_update().get(pk=case.pk)
    case.title = title[:200]
    case.save(update_fields=["title"])
    case.contact_moments.update(topic=title[:200], summary="")
    return case

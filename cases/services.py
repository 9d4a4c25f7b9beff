"""Everything that changes a case. Each action is atomic, writes a timeline event, and sends
e-mail only after commit. The norm clock (contacts.norms) decides due dates."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cases import tasks
from cases.constants import INITIAL_STATUS_NAME, EventKind, MessageDirection
from cases.models import Case, CaseEvent, CaseType, Message, MessageAttachment, StatusType
from cases.references import new_reference
from contacts.constants import Channel, ClockKind, Outcome, TaskKind, TaskStatus, Village
from contacts.models import ContactMoment, NormClock, Resident, Task, Team
from contacts.services import (
    clock_pause,
    clock_reschedule,
    clock_restart,
    clock_resume,
    clock_start,
    clock_stop,
    contact_moment_register,
    task_complete,
    task_create,
)

_REFERENCE_ATTEMPTS = 5


def _event(case, kind, *, by=None, text="", status=None, visible=False, at=None) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case,
        kind=kind,
        status=status,
        text=text.strip(),
        visible_to_resident=visible,
        created_by=by,
        created_at=at or timezone.now(),
    )


def _locked(case: Case) -> Case:
    # Lock the case row only: PostgreSQL refuses FOR UPDATE on the nullable side (the clock)
    # of an outer join.
    return (
        Case.objects.select_for_update(of=("self",))
        .select_related("clock", "case_type")
        .get(pk=case.pk)
    )


# No savepoint: a failure aborts the caller's transaction as well (a submitted form, a
# registered contact); the reference retry below keeps its own.
@transaction.atomic(savepoint=False)
def case_create(
    *,
    case_type: CaseType,
    title: str,
    resident: Resident | None = None,
    email: str = "",
    contact_moment: ContactMoment | None = None,
    channel: str = "",
    village: str = "",
    initial_status: StatusType | None = None,
) -> Case:
    """Open a case with status "Ontvangen"; its clock runs on the case type's norm and counts
    for the channel the request came in by (by default that of ``contact_moment``).

    ``initial_status``: that "Ontvangen" status, when the caller read it with the case type
    (a submitted form reads both in one query)."""
    now = timezone.now()
    if initial_status is None:
        status = case_type.statuses.get(name=INITIAL_STATUS_NAME)
    elif initial_status.case_type_id != case_type.pk or initial_status.name != INITIAL_STATUS_NAME:
        raise ValueError("initial_status is not the case type's first status")
    else:
        status = initial_status
    channel = channel or (contact_moment.channel if contact_moment else "")
    clock = clock_start(
        kind=ClockKind.CASE, norm=case_type.norm, team=case_type.team, channel=channel, start=now
    )
    case = Case(
        case_type=case_type,
        team=case_type.team,
        resident=resident,
        # A business's login for one branch: the request belongs to that branch.
        branch_number=resident.branch_scope if resident is not None else "",
        email=email,
        status=status,
        title=title[:200],
        # A value of contacts.constants.Village (see contacts.places.village_for_town), or "".
        village=village if village in Village.values else "",
        opened_at=now,
        due_on=timezone.localtime(clock.due_at).date(),
        clock=clock,
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
    _event(case, EventKind.CREATED, status=status, visible=True, at=now)
    return case


def _refuse_closed(case: Case) -> None:
    if case.closed_at is not None:
        raise ValidationError(_("Deze aanvraag is al afgerond."))


def _sync_due(case: Case, clock) -> None:
    case.due_on = timezone.localtime(clock.due_at).date()


@transaction.atomic
def case_take(*, case: Case, by) -> Case:
    """Become the case's handler: the resident's fixed contact person."""
    case = _locked(case)
    if case.handler_id == by.pk:
        return case
    case.handler = by
    case.save(update_fields=["handler"])
    name = by.get_full_name() or by.get_username()
    _event(
        case,
        EventKind.ASSIGNMENT,
        by=by,
        text=_("%(name)s behandelt uw %(noun)s.")
        % {"name": name, "noun": case.case_type.noun_label},
        visible=True,
    )
    return case


@transaction.atomic
def case_change_status(
    *, case: Case, status: StatusType, by, message: str = "", notify: bool = True
) -> CaseEvent:
    """Move a case to another status. A "wait for the resident" status stops the clock; a
    final status closes the case. The message goes to the resident with it."""
    if status.case_type_id != case.case_type_id:
        raise ValidationError(_("Deze status hoort niet bij dit soort aanvraag."))
    if status.pk == case.status_id and not message:
        raise ValidationError(_("De aanvraag heeft deze status al. Kies een andere status."))
    now = timezone.now()
    case = _locked(case)
    closing = status.is_final and case.closed_at is None
    if case.clock_id:
        clock = case.clock
        if status.is_final:
            clock = clock_stop(clock=clock, at=now)
        else:
            if case.closed_at is not None:
                clock = clock_restart(clock=clock)
            clock = (
                clock_pause(clock=clock, reason=status.name, at=now)
                if status.pauses_clock
                else clock_resume(clock=clock, at=now)
            )
        _sync_due(case, clock)
    if not status.is_final:
        # Reopened: the result belonged to the closing (it stays on the timeline).
        if case.closed_at is not None:
            case.result = ""
        case.closed_at = None
    elif case.closed_at is None or case.status_id != status.pk:
        case.closed_at = now
    case.status = status
    if case.handler_id is None:
        case.handler = by
    case.save(update_fields=["status", "closed_at", "handler", "due_on", "result"])
    event = _event(case, EventKind.STATUS, by=by, status=status, text=message, visible=True, at=now)
    if notify:
        transaction.on_commit(lambda: tasks.send_status_email.enqueue(event_id=event.pk))
    if closing and (case.resident_id or case.email):
        transaction.on_commit(lambda: tasks.send_satisfaction_request.enqueue(case_id=case.pk))
    return event


@transaction.atomic
def case_close(*, case: Case, by, result: str, message: str = "") -> CaseEvent:
    """Close with a result, in the case type's final status."""
    if not result.strip():
        raise ValidationError(_("Vul het resultaat in."))
    case = _locked(case)
    _refuse_closed(case)
    final = case.case_type.statuses.filter(is_final=True).order_by("order").first()
    if final is None:
        raise ValidationError(_("Dit soort aanvraag heeft geen afgeronde status."))
    event = case_change_status(case=case, status=final, by=by, message=message or result)
    Case.objects.filter(pk=case.pk).update(result=result.strip()[:300])
    return event


@transaction.atomic
def case_add_note(*, case: Case, text: str, by) -> CaseEvent:
    """An internal note: never shown to the resident."""
    if not text.strip():
        raise ValidationError(_("Schrijf een notitie."))
    return _event(case, EventKind.NOTE, by=by, text=text, visible=False)


@transaction.atomic
def case_forward(*, case: Case, team: Team, by, note: str = "") -> Case:
    """Hand the case to another team; the handler is cleared, the clock keeps running."""
    if not isinstance(team, Team) or not Team.objects.filter(pk=team.pk).exists():
        raise ValidationError(_("Dit team bestaat niet."))
    case = _locked(case)
    _refuse_closed(case)
    if case.team_id == team.pk:
        raise ValidationError(_("De aanvraag ligt al bij dit team."))
    previous = case.team
    case.team = team
    case.handler = None
    case.save(update_fields=["team", "handler"])
    if case.clock_id:
        NormClock.objects.filter(pk=case.clock_id).update(team=team)
    _event(
        case,
        EventKind.FORWARD,
        by=by,
        text=_("Doorgezet van %(from)s naar %(to)s.") % {"from": previous, "to": team},
    )
    if note.strip():
        # A note of its own, so readers outside the teams (unit Informatie) never see it.
        _event(case, EventKind.NOTE, by=by, text=note)
    _event(
        case,
        EventKind.FORWARD,
        by=by,
        text=_("Uw %(noun)s is doorgestuurd naar team %(team)s.")
        % {"noun": case.case_type.noun_label, "team": team},
        visible=True,
    )
    return case


@transaction.atomic
def case_open_subtask(*, case: Case, team: Team, description: str, by) -> Task:
    """Ask another team for its part of a multidisciplinary question; all involved see it."""
    if not description.strip():
        raise ValidationError(_("Beschrijf wat het andere team moet doen."))
    _refuse_closed(case)
    if isinstance(team, Team) and team.pk == case.team_id:
        raise ValidationError(_("Dit team behandelt de aanvraag zelf. Kies een ander team."))
    task = task_create(
        kind=TaskKind.SUBTASK,
        team=team,
        description=f"{case.reference}: {description.strip()}",
        created_by=by,
    )
    case.tasks.add(task)
    _event(
        case,
        EventKind.TASK,
        by=by,
        text=_("Taak voor %(team)s: %(description)s")
        % {"team": team, "description": description.strip()},
    )
    return task


@transaction.atomic
def case_subtask_complete(*, case: Case, task: Task, by, outcome: str) -> Task:
    """The other team's part is done: the task closes and every involved team reads the
    outcome on the case's timeline."""
    if not case.tasks.filter(pk=task.pk).exists():
        raise ValidationError(_("Deze taak hoort niet bij deze aanvraag."))
    task = task_complete(task=task, by=by, outcome=outcome)
    _event(
        case,
        EventKind.TASK,
        by=by,
        text=_("Taak van %(team)s afgerond: %(outcome)s")
        % {"team": task.team, "outcome": task.outcome},
    )
    return task


@transaction.atomic
def case_reschedule(*, case: Case, due_on, reason: str, by) -> Case:
    """A promise will be missed: set a new date with a reason; the resident is told."""
    case = _locked(case)
    if case.closed_at is not None:
        raise ValidationError(_("Deze aanvraag is al afgerond."))
    if case.clock_id is None:
        raise ValidationError(_("Deze aanvraag heeft geen termijn."))
    from contacts.calendar import end_of_day

    clock = clock_reschedule(clock=case.clock, due_at=end_of_day(due_on), reason=reason)
    old = case.due_on
    _sync_due(case, clock)
    case.save(update_fields=["due_on"])
    event = _event(
        case,
        EventKind.RESCHEDULED,
        by=by,
        text=_("De nieuwe datum is %(new)s (was %(old)s). Reden: %(reason)s")
        % {
            "new": date_format(case.due_on, "j F Y"),
            "old": date_format(old, "j F Y"),
            "reason": reason.strip(),
        },
        visible=True,
    )
    transaction.on_commit(lambda: tasks.send_status_email.enqueue(event_id=event.pk))
    return case


@transaction.atomic
def message_to_resident(
    *, resident: Resident | None, subject: str, body: str, by, case: Case | None = None
) -> Message:
    """A message in the resident's inbox (or, for a request sent without logging in, on the
    case's follow page); the e-mail only says there is one."""
    if not subject.strip() or not body.strip():
        raise ValidationError(_("Vul een onderwerp en een bericht in."))
    if resident is None and (case is None or not case.email):
        raise ValidationError(_("Er is geen inwoner of e-mailadres om dit bericht aan te sturen."))
    message = Message.objects.create(
        resident=resident,
        case=case,
        team=case.team if case else None,
        direction=MessageDirection.TO_RESIDENT,
        subject=subject.strip()[:200],
        body=body.strip(),
        sent_by=by,
        sent_at=timezone.now(),
    )
    if case is not None:
        _event(case, EventKind.MESSAGE_OUT, by=by, text=subject, visible=True)
        _finish_reply_tasks(case, by=by, subject=message.subject)
    transaction.on_commit(lambda: tasks.send_message_notice.enqueue(message_id=message.pk))
    return message


def _finish_reply_tasks(case: Case, *, by, subject: str) -> None:
    """A message to the resident answers their replies on the case: the open tasks and
    contacts they made are done."""
    open_replies = Task.objects.filter(
        kind=TaskKind.ANSWER,
        status=TaskStatus.OPEN,
        contact_moment__in=case.contact_moments.filter(channel=Channel.WEB),
    )
    for task in open_replies:
        task_complete(
            task=task, by=by, outcome=_("Beantwoord met het bericht ‘%(s)s’.") % {"s": subject}
        )


@transaction.atomic
def case_request_information(*, case: Case, subject: str, body: str, by) -> Message:
    """Ask the resident for more: a message, and the clock stops until they answer.

    A request sent without logging in is asked through its follow link (its e-mail address)."""
    _refuse_closed(case)
    message = message_to_resident(
        resident=case.resident, subject=subject, body=body, by=by, case=case
    )
    case = _locked(case)
    if case.clock_id:
        clock = clock_pause(clock=case.clock, reason=_("Wacht op inwoner"))
        _sync_due(case, clock)
        case.save(update_fields=["due_on"])
    _event(case, EventKind.INFO_REQUESTED, by=by, text=subject, visible=True)
    return message


def _case_is_writable_by(case: Case, resident: Resident | None) -> bool:
    """A request without resident takes messages without one; otherwise the request must be
    one this login sees (a business's login for one branch: that branch's requests only)."""
    if resident is None:
        return case.resident_id is None
    return Case.objects.visible_to_resident(resident).filter(pk=case.pk).exists()


@transaction.atomic
def message_from_resident(
    *,
    resident: Resident | None,
    subject: str,
    body: str,
    case: Case | None = None,
    reply_to=None,
    attachments=(),
) -> Message:
    """The resident writes (a reply or extra documents): a message, a contact moment, and a
    paused clock runs again. ``attachments`` are checked files: (file, name, content type)."""
    if not body.strip():
        raise ValidationError(_("Schrijf uw bericht."))
    if resident is None and case is None:
        raise ValidationError(_("Een bericht zonder inwoner hoort bij een aanvraag."))
    if case is not None and not _case_is_writable_by(case, resident):
        raise ValidationError(_("Deze aanvraag hoort niet bij u."))
    now = timezone.now()
    message = Message.objects.create(
        resident=resident,
        case=case,
        team=case.team if case else None,
        direction=MessageDirection.FROM_RESIDENT,
        subject=(subject.strip() or _("Reactie"))[:200],
        body=body.strip(),
        reply_to=reply_to,
        sent_at=now,
    )
    for file, name, content_type in attachments:
        MessageAttachment.objects.create(
            message=message,
            file=file,
            original_name=name[:255],
            content_type=content_type,
            size=file.size,
        )
    contact = contact_moment_register(
        channel=Channel.WEB,
        topic=message.subject,
        resident=resident,
        team=case.team if case else None,
        outcome=Outcome.OPEN,
    )
    if case is not None:
        case.contact_moments.add(contact)
        _event(case, EventKind.MESSAGE_IN, text=message.subject, visible=True, at=now)
        locked = _locked(case)
        # The team hears of it in its queue (also on a closed case); answering the resident
        # with a message on the case finishes the task and the contact (message_to_resident).
        task_create(
            kind=TaskKind.ANSWER,
            team=locked.team,
            description=_("Reactie van de inwoner op %(reference)s: %(subject)s")
            % {"reference": locked.reference, "subject": message.subject},
            contact_moment=contact,
            assignee=locked.handler if locked.closed_at is None else None,
        )
        if locked.clock_id and locked.clock.paused_at is not None:
            clock = clock_resume(clock=locked.clock, at=now)
            _sync_due(locked, clock)
            locked.save(update_fields=["due_on"])
        _stop_waiting(locked, at=now)
    return message


def _stop_waiting(case: Case, *, at) -> None:
    """The resident answered: a case waiting for them goes back to the status before the
    wait ("In behandeling"), which the resident and the team's list then show."""
    if case.closed_at is not None or not case.status.pauses_clock:
        return
    before = (
        CaseEvent.objects.filter(
            case=case,
            kind=EventKind.STATUS,
            status__is_final=False,
            status__pauses_clock=False,
        )
        .exclude(status__name=INITIAL_STATUS_NAME)
        .select_related("status")
        .order_by("-created_at", "-pk")
        .first()
    )
    working = (
        case.case_type.statuses.filter(is_final=False, pauses_clock=False)
        .exclude(name=INITIAL_STATUS_NAME)
        .order_by("order")
    )
    status = before.status if before is not None else working.first()
    if status is None:
        return
    case.status = status
    case.save(update_fields=["status"])
    _event(case, EventKind.STATUS, status=status, visible=True, at=at)


@transaction.atomic
def message_mark_read(*, message: Message, resident: Resident) -> Message:
    if message.resident_id != resident.pk:
        raise ValidationError(_("Dit bericht is niet voor u."))
    if message.read_at is None and message.direction == MessageDirection.TO_RESIDENT:
        message.read_at = timezone.now()
        message.save(update_fields=["read_at"])
    return message


@transaction.atomic
def satisfaction_record(*, case: Case, score: int, comment: str = ""):
    """The resident's score (1-5) for a closed case; once per case."""
    from cases.models import SatisfactionResponse

    if case.closed_at is None:
        raise ValidationError(_("Deze aanvraag is nog niet afgerond."))
    if not 1 <= int(score) <= 5:
        raise ValidationError(_("Kies een cijfer van 1 tot 5."))
    response, created = SatisfactionResponse.objects.get_or_create(
        case=case,
        defaults={"score": score, "comment": comment.strip()[:2000], "answered_at": timezone.now()},
    )
    if not created:
        raise ValidationError(_("U heeft deze vraag al beantwoord. Dank u wel."))
    return response


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


@transaction.atomic
def case_open_by_resident(*, case_type: CaseType, title: str, resident: Resident, text: str):
    """A request a logged-in resident starts from Mijn Hogeland (e.g. an AVG request): the
    case and its first message in one transaction."""
    case = case_create(case_type=case_type, title=title, resident=resident, channel=Channel.WEB)
    message_from_resident(resident=resident, case=case, subject=title, body=text)
    return case

import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contacts import norms
from contacts.constants import (
    DEFAULT_SERVICE_NORMS,
    Channel,
    ClockKind,
    Direction,
    NormUnit,
    Outcome,
    ResidentKind,
    TaskKind,
    TaskStatus,
)
from contacts.crypto import bsn_hash
from contacts.models import (
    AccessLogEntry,
    ClockPause,
    ContactMoment,
    NormClock,
    Resident,
    ServiceNorm,
    Task,
    Team,
)
from contacts.norms import Norm


@transaction.atomic
def resident_get_or_create_by_bsn(*, bsn: str, user=None, name: str = "") -> Resident:
    """Find the resident by the keyed hash of their BSN; link the portal user on first login."""
    resident, _created = Resident.objects.select_for_update().get_or_create(
        bsn_hash=bsn_hash(bsn), defaults={"kind": ResidentKind.PERSON, "name": name}
    )
    changed = []
    if user is not None and resident.user_id != user.pk:
        resident.user = user
        changed.append("user")
    if name and not resident.name:
        resident.name = name
        changed.append("name")
    if changed:
        resident.save(update_fields=changed)
    return resident


@transaction.atomic
def resident_login_user(*, bsn: str):
    """The portal user of the resident with this BSN; resident and user made on first login.

    One transaction with the resident row locked, so two first logins at the same moment
    (two tabs) end up with one user.
    """
    resident = resident_get_or_create_by_bsn(bsn=bsn)
    resident = Resident.objects.select_for_update().get(pk=resident.pk)
    if resident.user_id is None:
        resident.user = get_user_model().objects.create_user(
            username=f"inwoner-{secrets.token_hex(8)}", password=None
        )
        resident.save(update_fields=["user"])
    return resident.user


@transaction.atomic
def contact_moment_register(
    *,
    channel: Channel,
    topic: str,
    resident: Resident | None = None,
    team: Team | None = None,
    summary: str = "",
    outcome: Outcome = Outcome.OPEN,
    direction: Direction = Direction.INBOUND,
    registered_by=None,
    answer_due_at=None,
) -> ContactMoment:
    """Register a contact. An inbound contact starts the norm clock of its channel; one that
    is answered at once or turned into a request stops it right away."""
    now = timezone.now()
    clock = None
    if direction == Direction.INBOUND:
        service_norm = ServiceNorm.objects.filter(channel=channel).first()
        if service_norm is not None:
            clock = clock_start(
                kind=ClockKind.CONTACT,
                norm=service_norm.norm,
                team=team,
                channel=channel,
                start=now,
            )
            answer_due_at = answer_due_at or clock.due_at
    answered_at = None
    if outcome in (Outcome.ANSWERED, Outcome.CASE_CREATED):
        answered_at = now
        if clock is not None:
            clock = clock_stop(clock=clock, at=now)
    return ContactMoment.objects.create(
        resident=resident,
        channel=channel,
        direction=direction,
        team=team,
        topic=topic,
        summary=summary,
        outcome=outcome,
        registered_by=registered_by,
        registered_at=now,
        answer_due_at=answer_due_at,
        answered_at=answered_at,
        clock=clock,
    )


@transaction.atomic
def contact_moment_answer(*, contact: ContactMoment, outcome: Outcome = Outcome.ANSWERED, at=None):
    """The contact got its answer: the norm is measured from here."""
    contact = ContactMoment.objects.select_for_update().get(pk=contact.pk)
    at = at or timezone.now()
    if contact.answered_at is None:
        contact.answered_at = at
        contact.outcome = outcome
        contact.save(update_fields=["answered_at", "outcome"])
        if contact.clock_id:
            clock_stop(clock=contact.clock, at=at)
    return contact


def access_log_record(*, resident: Resident, user, what: str, reason: str) -> AccessLogEntry:
    return AccessLogEntry.objects.create(
        resident=resident,
        user=user,
        user_display=user.get_full_name() or user.get_username(),
        what=what,
        reason=reason,
    )


def service_norms_ensure_defaults() -> None:
    """Create the norms from the dienstverleningsconcept where none is set; edits are kept."""
    for channel, amount, unit, description in DEFAULT_SERVICE_NORMS:
        ServiceNorm.objects.get_or_create(
            channel=channel, defaults={"amount": amount, "unit": unit, "description": description}
        )


# --- the norm clock ----------------------------------------------------------------------


@transaction.atomic
def clock_start(
    *, kind: ClockKind, norm: Norm, team: Team | None = None, channel: str = "", start=None
) -> NormClock:
    start = start or timezone.now()
    return NormClock.objects.create(
        kind=kind,
        team=team,
        channel=channel,
        norm_amount=norm.amount,
        norm_unit=norm.unit,
        started_at=start,
        due_at=norms.due_at(norm, start),
    )


def _pauses(clock: NormClock):
    return list(clock.pauses.values_list("started_at", "ended_at"))


@transaction.atomic
def clock_pause(*, clock: NormClock, reason: str = "", at=None) -> NormClock:
    """Stop counting while the municipality waits for the resident. Pausing twice is a no-op."""
    clock = NormClock.objects.select_for_update().get(pk=clock.pk)
    if clock.paused_at is not None or clock.stopped_at is not None:
        return clock
    at = at or timezone.now()
    ClockPause.objects.create(clock=clock, started_at=at, reason=reason[:200])
    clock.paused_at = at
    clock.save(update_fields=["paused_at"])
    return clock


@transaction.atomic
def clock_resume(*, clock: NormClock, at=None) -> NormClock:
    """Count again; the due time moves by the working time the pause covered."""
    clock = NormClock.objects.select_for_update().get(pk=clock.pk)
    if clock.paused_at is None:
        return clock
    at = at or timezone.now()
    clock.pauses.filter(ended_at__isnull=True).update(ended_at=at)
    clock.paused_at = None
    if clock.original_due_at is None or not clock.reschedule_reason:
        clock.due_at = norms.due_at(clock.norm, clock.started_at, pauses=_pauses(clock), now=at)
    clock.warned_at = None
    clock.save(update_fields=["paused_at", "due_at", "warned_at"])
    return clock


@transaction.atomic
def clock_reschedule(*, clock: NormClock, due_at, reason: str) -> NormClock:
    """Staff set a new date when a promise will be missed; the first promise is kept."""
    if not reason.strip():
        raise ValidationError(_("Geef een reden voor de nieuwe datum."))
    clock = NormClock.objects.select_for_update().get(pk=clock.pk)
    if clock.stopped_at is not None:
        raise ValidationError(_("Dit is al afgerond."))
    if due_at <= timezone.now():
        raise ValidationError(_("Kies een nieuwe datum in de toekomst."))
    if clock.original_due_at is None:
        clock.original_due_at = clock.due_at
    clock.due_at = due_at
    clock.reschedule_reason = reason.strip()[:300]
    clock.warned_at = None
    clock.breached_at = None
    clock.save(
        update_fields=["original_due_at", "due_at", "reschedule_reason", "warned_at", "breached_at"]
    )
    return clock


@transaction.atomic
def clock_stop(*, clock: NormClock, at=None) -> NormClock:
    """Answered or closed: from now on the clock says whether the norm was met."""
    clock = NormClock.objects.select_for_update().get(pk=clock.pk)
    if clock.stopped_at is not None:
        return clock
    at = at or timezone.now()
    if clock.paused_at is not None:
        clock.pauses.filter(ended_at__isnull=True).update(ended_at=at)
        clock.paused_at = None
    clock.stopped_at = at
    if at > clock.due_at and clock.breached_at is None:
        clock.breached_at = clock.due_at
    clock.save(update_fields=["stopped_at", "paused_at", "breached_at"])
    return clock


@transaction.atomic
def clock_restart(*, clock: NormClock) -> NormClock:
    """A closed case reopened: the clock runs again towards the same due time."""
    clock = NormClock.objects.select_for_update().get(pk=clock.pk)
    clock.stopped_at = None
    clock.save(update_fields=["stopped_at"])
    return clock


def clocks_check(*, now=None) -> dict[str, list[int]]:
    """Mark running clocks past 80% of their time (warned) or past due (breached), once.

    Returns the ids newly warned and breached, so the caller can tell the teams.
    """
    now = now or timezone.now()
    calendar = norms.work_calendar()
    warned, breached = [], []
    running = NormClock.objects.running().filter(paused_at__isnull=True)
    for clock in running.filter(breached_at__isnull=True, due_at__lt=now).iterator():
        with transaction.atomic():
            if NormClock.objects.filter(pk=clock.pk, breached_at__isnull=True).update(
                breached_at=clock.due_at
            ):
                breached.append(clock.pk)
    candidates = running.filter(warned_at__isnull=True, breached_at__isnull=True, due_at__gte=now)
    for clock in candidates.prefetch_related("pauses").iterator(chunk_size=500):
        pauses = [(p.started_at, p.ended_at) for p in clock.pauses.all()]
        fraction = norms.elapsed_fraction(
            clock.started_at, clock.due_at, now=now, pauses=pauses, calendar=calendar
        )
        if fraction >= norms.WARN_FRACTION and NormClock.objects.filter(
            pk=clock.pk, warned_at__isnull=True
        ).update(warned_at=now):
            warned.append(clock.pk)
    return {"warned": warned, "breached": breached}


# --- tasks -------------------------------------------------------------------------------


def _task_norm(kind) -> Norm:
    """Callbacks follow the phone norm; other tasks the e-mail norm (5 working days)."""
    channel = Channel.PHONE if kind == TaskKind.CALLBACK else Channel.EMAIL
    service_norm = ServiceNorm.objects.filter(channel=channel).first()
    return service_norm.norm if service_norm else Norm(5, NormUnit.WORKING_DAYS)


@transaction.atomic
def task_create(
    *,
    kind: TaskKind,
    team: Team,
    description: str,
    created_by=None,
    contact_moment: ContactMoment | None = None,
    assignee=None,
) -> Task:
    """Work for a team (or a person in it), due by the norm of its kind."""
    if not isinstance(team, Team) or not Team.objects.filter(pk=team.pk).exists():
        raise ValidationError(_("Dit team bestaat niet."))
    if not description.strip():
        raise ValidationError(_("Beschrijf de taak."))
    now = timezone.now()
    clock = clock_start(
        kind=ClockKind.TASK,
        norm=_task_norm(kind),
        team=team,
        channel=contact_moment.channel if contact_moment else "",
        start=now,
    )
    return Task.objects.create(
        kind=kind,
        team=team,
        description=description.strip()[:2000],
        contact_moment=contact_moment,
        created_by=created_by,
        assignee=assignee,
        claimed_at=now if assignee else None,
        due_at=clock.due_at,
        clock=clock,
    )


@transaction.atomic
def task_claim(*, task: Task, by) -> Task:
    """Take an open task. Two people claiming at once: one wins, the other hears who did."""
    claimed = Task.objects.filter(pk=task.pk, status=TaskStatus.OPEN, assignee__isnull=True).update(
        assignee=by, claimed_at=timezone.now()
    )
    task = Task.objects.select_related("assignee").get(pk=task.pk)
    if not claimed and task.assignee_id != by.pk:
        if task.status != TaskStatus.OPEN:
            raise ValidationError(_("Deze taak is al afgerond."))
        name = task.assignee.get_full_name() or task.assignee.get_username()
        raise ValidationError(_("%(name)s heeft deze taak al opgepakt.") % {"name": name})
    return task


@transaction.atomic
def task_hand_over(*, task: Task, by, to=None, team: Team | None = None) -> Task:
    """Give the task to a colleague, or back to the team (or to another team)."""
    task = Task.objects.select_for_update().get(pk=task.pk)
    if task.status != TaskStatus.OPEN:
        raise ValidationError(_("Deze taak is al afgerond."))
    if team is not None:
        task.team = team
    task.assignee = to
    task.claimed_at = timezone.now() if to else None
    task.save(update_fields=["team", "assignee", "claimed_at"])
    return task


@transaction.atomic
def task_complete(*, task: Task, by, outcome: str) -> Task:
    """Done, with what came of it. A completed callback is itself a contact moment."""
    if not outcome.strip():
        raise ValidationError(_("Vul in wat er is gebeurd."))
    task = Task.objects.select_for_update().select_related("contact_moment").get(pk=task.pk)
    if task.status == TaskStatus.DONE:
        raise ValidationError(_("Deze taak is al afgerond."))
    now = timezone.now()
    task.status = TaskStatus.DONE
    task.completed_at = now
    task.completed_by = by
    task.outcome = outcome.strip()[:2000]
    if task.assignee_id is None:
        task.assignee = by
    task.save(update_fields=["status", "completed_at", "completed_by", "outcome", "assignee"])
    if task.clock_id:
        clock_stop(clock=task.clock, at=now)
    contact = task.contact_moment
    if task.kind == TaskKind.CALLBACK:
        contact_moment_register(
            channel=Channel.PHONE,
            direction=Direction.OUTBOUND,
            topic=contact.topic if contact else task.description[:200],
            summary=task.outcome,
            resident=contact.resident if contact else None,
            team=task.team,
            outcome=Outcome.ANSWERED,
            registered_by=by,
        )
    if contact is not None and contact.answered_at is None:
        contact_moment_answer(contact=contact, at=now)
    return task

import datetime as dt
import itertools
import logging
import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contacts import norms
from contacts.branches import acts_for_the_whole_party
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
from contacts.kvk import KvKUnavailable, get_kvk_register, is_valid_branch, is_valid_kvk
from contacts.models import (
    AccessLogEntry,
    ApiToken,
    BranchLogin,
    ClockPause,
    ContactMoment,
    NormClock,
    Resident,
    ServiceNorm,
    Task,
    Team,
)
from contacts.names import words_match
from contacts.norms import Norm

logger = logging.getLogger(__name__)


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


# No savepoint: a failure here aborts the caller's transaction too (a submitted form), and
# the one caller that recovers (contact_moment_register_external) sets its own savepoint.
@transaction.atomic(savepoint=False)
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
    answered_at = now if outcome in (Outcome.ANSWERED, Outcome.CASE_CREATED) else None
    clock = None
    if direction == Direction.INBOUND:
        norm = norms.channel_norm(channel)
        if norm is not None:
            clock = clock_start(
                kind=ClockKind.CONTACT,
                norm=norm,
                team=team,
                channel=channel,
                start=now,
                stopped_at=answered_at,
            )
            answer_due_at = answer_due_at or clock.due_at
    return ContactMoment.objects.create(
        resident=resident,
        # A business's login for one branch: the contact belongs to that branch.
        branch_number=resident.branch_scope if resident is not None else "",
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


def access_log_record(
    *, resident: Resident, user, what: str, reason: str, concerning=None
) -> AccessLogEntry:
    """One look by staff at the resident's data. ``concerning``: the request, upload or
    contact looked at; its branch (``branch_number``) decides which of a business's logins
    reads the entry (see ``AccessLogEntryQuerySet.visible_to_resident``)."""
    return AccessLogEntry.objects.create(
        resident=resident,
        branch_number=getattr(concerning, "branch_number", "") or "",
        user=user,
        user_display=user.get_full_name() or user.get_username(),
        what=what,
        reason=reason,
    )


@transaction.atomic
def access_log_record_many(*, residents, user, what: str, reason: str) -> int:
    """One entry per resident for one look at many (an export): ``residents`` are pairs of
    resident id and branch number. Written in batches; returns how many."""
    display = user.get_full_name() or user.get_username()
    entries = (
        AccessLogEntry(
            resident_id=resident_id,
            branch_number=branch_number or "",
            user=user,
            user_display=display,
            what=what,
            reason=reason,
        )
        for resident_id, branch_number in residents
    )
    count = 0
    while batch := list(itertools.islice(entries, 500)):
        AccessLogEntry.objects.bulk_create(batch)
        count += len(batch)
    return count


def service_norms_ensure_defaults() -> None:
    """Create the norms from the dienstverleningsconcept where none is set; edits are kept."""
    for channel, amount, unit, description in DEFAULT_SERVICE_NORMS:
        ServiceNorm.objects.get_or_create(
            channel=channel, defaults={"amount": amount, "unit": unit, "description": description}
        )


# --- the norm clock ----------------------------------------------------------------------


# No savepoint: one INSERT, and no caller goes on after it fails.
@transaction.atomic(savepoint=False)
def clock_start(
    *,
    kind: ClockKind,
    norm: Norm,
    team: Team | None = None,
    channel: str = "",
    start=None,
    stopped_at=None,
) -> NormClock:
    """A running clock; with ``stopped_at``, one that stopped at once (a contact answered on
    the spot), written in one INSERT as ``clock_stop`` would leave it."""
    start = start or timezone.now()
    due = norms.due_at(norm, start)
    return NormClock.objects.create(
        kind=kind,
        team=team,
        channel=channel,
        norm_amount=norm.amount,
        norm_unit=norm.unit,
        started_at=start,
        due_at=due,
        stopped_at=stopped_at,
        breached_at=due if stopped_at is not None and stopped_at > due else None,
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
    return norms.channel_norm(channel) or Norm(5, NormUnit.WORKING_DAYS)


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
    """Work for a team (or a person in it), due by the norm of its kind; a forwarded contact
    stays due when the contact was (its channel's norm from when it came in)."""
    if not isinstance(team, Team) or not Team.objects.filter(pk=team.pk).exists():
        raise ValidationError(_("Dit team bestaat niet."))
    if not description.strip():
        raise ValidationError(_("Beschrijf de taak."))
    now = timezone.now()
    if kind == TaskKind.FORWARD and contact_moment is not None and contact_moment.clock_id:
        # A forwarded contact keeps its own promise: an e-mail is still due in 5 working
        # days from when it came in, whichever team answers it.
        contact_clock = contact_moment.clock
        norm = Norm(contact_clock.norm_amount, contact_clock.norm_unit)
        start = contact_clock.started_at
    else:
        norm, start = _task_norm(kind), now
    clock = clock_start(
        kind=ClockKind.TASK,
        norm=norm,
        team=team,
        channel=contact_moment.channel if contact_moment else "",
        start=start,
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
    # Lock the task row only: PostgreSQL refuses FOR UPDATE on the nullable contact join.
    task = (
        Task.objects.select_for_update(of=("self",))
        .select_related("contact_moment")
        .get(pk=task.pk)
    )
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


# --- contacts from outside: the mailbox and the webcare API ------------------------------


def resident_find_or_create_by_email(*, email: str, name: str = "") -> Resident | None:
    """The resident with this e-mail address (a known person or business first), else a new
    anonymous resident. No address: no resident."""
    email = email.strip()
    if not email:
        return None
    known = Resident.objects.filter(email__iexact=email).order_by("pk")
    resident = known.exclude(kind=ResidentKind.ANONYMOUS).first() or known.first()
    if resident is None:
        resident = Resident.objects.create(
            kind=ResidentKind.ANONYMOUS, email=email[:254], name=name.strip()[:200]
        )
    return resident


@transaction.atomic
def contact_moment_register_external(
    *,
    channel: Channel,
    external_id: str,
    topic: str,
    summary: str = "",
    email: str = "",
    name: str = "",
    team: Team | None = None,
    norm_channel: Channel | None = None,
) -> tuple[ContactMoment, bool]:
    """Register a contact that arrived from outside (a mailbox, a webcare tool), once.

    ``external_id`` names the message at its source: a second call with the same id returns
    the contact of the first call and ``False``, so a retry or a re-read never registers
    twice (also under concurrency: the id is unique per channel in the database). The norm
    of ``norm_channel`` applies when ``channel`` has no norm of its own (chat is answered by
    the social-media norm).
    """
    if channel not in Channel.values:
        raise ValidationError(_("Onbekend kanaal."))
    external_id = external_id.strip()
    if not external_id or len(external_id) > 255:
        raise ValidationError(_("Ongeldige herkomst van het bericht."))
    existing = ContactMoment.objects.filter(channel=channel, external_id=external_id).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            contact = contact_moment_register(
                channel=channel,
                topic=topic.strip()[:200] or _("(geen onderwerp)"),
                summary=summary,
                resident=resident_find_or_create_by_email(email=email, name=name),
                team=team,
            )
            contact.external_id = external_id
            fields = ["external_id"]
            fallback = None
            if contact.clock_id is None and norm_channel:
                fallback = norms.channel_norm(norm_channel)
            if fallback is not None:
                contact.clock = clock_start(
                    kind=ClockKind.CONTACT,
                    norm=fallback,
                    team=team,
                    channel=channel,
                    start=contact.registered_at,
                )
                contact.answer_due_at = contact.clock.due_at
                fields += ["clock", "answer_due_at"]
            contact.save(update_fields=fields)
    except IntegrityError:
        # The same message registered at this moment by another process.
        return ContactMoment.objects.get(channel=channel, external_id=external_id), False
    return contact, True


@transaction.atomic
def api_token_create(*, name: str, team: Team) -> tuple[ApiToken, str]:
    """A new key for a webcare tool. The key is returned once; only its hash is stored."""
    name = name.strip()
    if not name or len(name) > 100:
        raise ValidationError(_("Geef de sleutel een naam van hoogstens 100 tekens."))
    if not isinstance(team, Team) or not Team.objects.filter(pk=team.pk).exists():
        raise ValidationError(_("Dit team bestaat niet."))
    key = f"hhw_{secrets.token_urlsafe(32)}"
    api_token = ApiToken.objects.create(name=name, team=team, key_hash=ApiToken.hash_key(key))
    return api_token, key


@transaction.atomic
def api_token_revoke(*, api_token: ApiToken) -> ApiToken:
    """From now on the key gets 401. Its contacts stay."""
    ApiToken.objects.filter(pk=api_token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    api_token.refresh_from_db()
    return api_token


def api_token_mark_used(*, api_token: ApiToken, at=None) -> None:
    """Remember when a key was last used, at most once a minute (no write on every call)."""
    at = at or timezone.now()
    if api_token.last_used_at is None or at - api_token.last_used_at > dt.timedelta(minutes=1):
        ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=at)
        api_token.last_used_at = at


# --- the registration screen: one contact and what follows from it ------------------------


@dataclass(frozen=True)
class ContactRegistration:
    contact: ContactMoment
    task: Task | None = None
    request: object | None = None  # what ``open_request`` returned, e.g. the opened case


_TASK_FOR_OUTCOME = {Outcome.CALLBACK: TaskKind.CALLBACK, Outcome.FORWARDED: TaskKind.FORWARD}
_REGISTRATION_OUTCOMES = (
    Outcome.ANSWERED,
    Outcome.CALLBACK,
    Outcome.FORWARDED,
    Outcome.CASE_CREATED,
)


def _same_person(known: str, typed: str) -> bool:
    """Whether a typed name can be the known one: every typed word starts a word of it
    ("A. de Vries", "anna de vries" for "Anna de Vries")."""
    return words_match(known, typed.replace(".", " "))


@transaction.atomic
def resident_register(*, name: str, email: str = "", phone: str = "", bsn: str = "") -> Resident:
    """A person the contact centre meets for the first time. A BSN that is already known
    returns that resident (missing e-mail and phone filled in); only its keyed hash is kept."""
    from contacts.crypto import is_valid_bsn

    name = " ".join(name.split())[:200]
    email, phone = email.strip(), " ".join(phone.split())[:20]
    if not name:
        raise ValidationError(_("Vul de naam van de inwoner in."))
    if not bsn:
        return Resident.objects.create(
            kind=ResidentKind.PERSON, name=name, email=email, phone=phone
        )
    if not is_valid_bsn(bsn):
        raise ValidationError(_("Dit is geen geldig burgerservicenummer. Controleer de 9 cijfers."))
    known = Resident.objects.filter(bsn_hash=bsn_hash(bsn)).exclude(name="").first()
    if known is not None and not _same_person(known.name, name):
        # A mistyped BSN would put this contact in someone else's Mijn Hogeland.
        raise ValidationError(
            _(
                "Dit BSN hoort bij %(known)s, niet bij %(name)s. Controleer het BSN. Is het "
                "dezelfde persoon? Zoek dan op het BSN en kies de inwoner."
            )
            % {"known": known.name, "name": name}
        )
    resident = resident_get_or_create_by_bsn(bsn=bsn, name=name)
    missing = {
        field: value
        for field, value in (("email", email), ("phone", phone))
        if value and not getattr(resident, field)
    }
    if missing:
        Resident.objects.filter(pk=resident.pk).update(**missing)
        resident.refresh_from_db()
    return resident


@transaction.atomic
def contact_register(
    *,
    channel: Channel,
    topic: str,
    summary: str,
    outcome: Outcome,
    registered_by,
    team: Team | None = None,
    resident: Resident | None = None,
    open_request=None,
    callback_phone: str = "",
) -> ContactRegistration:
    """A contact registered by staff, with what follows from its outcome, all or nothing.

    Answered at once: the clock stops. A callback or a forward: a task for the team, due by
    the norm; a callback needs a number (``callback_phone``, else the resident's). A request:
    ``open_request(contact)``, supplied by the app that opens requests (contacts does not know
    cases), runs in this same transaction.
    """
    from contacts.constants import REGISTRATION_CHANNELS, REGISTRATION_SUMMARY_MAX_LENGTH

    topic, summary = " ".join(topic.split()), summary.strip()
    if channel not in REGISTRATION_CHANNELS:
        raise ValidationError(_("Kies het kanaal van het contact."))
    if outcome not in _REGISTRATION_OUTCOMES:
        raise ValidationError(_("Kies hoe het contact is afgehandeld."))
    if not topic:
        raise ValidationError(_("Vul het onderwerp in."))
    if len(summary) > REGISTRATION_SUMMARY_MAX_LENGTH:
        raise ValidationError(
            _("De samenvatting is te lang: maximaal %(limit)d tekens.")
            % {"limit": REGISTRATION_SUMMARY_MAX_LENGTH}
        )
    if outcome in _TASK_FOR_OUTCOME and team is None:
        raise ValidationError(_("Kies het team dat de taak krijgt."))
    if outcome == Outcome.CASE_CREATED and open_request is None:
        raise ValidationError(_("Kies het soort aanvraag."))
    number = callback_phone.strip() or (resident.phone if resident is not None else "")
    if outcome == Outcome.CALLBACK and not number:
        raise ValidationError(
            _("Vul het terugbelnummer in: wij hebben geen telefoonnummer van deze inwoner.")
        )
    contact = contact_moment_register(
        channel=channel,
        topic=topic[:200],
        summary=summary,
        outcome=outcome,
        resident=resident,
        team=team,
        registered_by=registered_by,
    )
    task = request = None
    if outcome in _TASK_FOR_OUTCOME:
        description = f"{topic}: {summary}" if summary else topic
        if outcome == Outcome.CALLBACK:
            description = _("Terugbellen op %(number)s. %(what)s") % {
                "number": number,
                "what": description,
            }
        task = task_create(
            kind=_TASK_FOR_OUTCOME[outcome],
            team=team,
            description=description,
            created_by=registered_by,
            contact_moment=contact,
        )
    elif outcome == Outcome.CASE_CREATED:
        request = open_request(contact)
    return ContactRegistration(contact=contact, task=task, request=request)


@transaction.atomic
def contact_register_for_person(
    *,
    bsn: str,
    name: str,
    registered_by,
    channel: Channel,
    topic: str,
    summary: str,
    outcome: Outcome,
    team: Team | None = None,
    open_request=None,
    callback_phone: str = "",
) -> ContactRegistration:
    """A contact about a person found in the BRP, all or nothing: the person becomes a resident
    (known by the keyed hash of the BSN only), the look at their BRP data is logged, and the
    contact is registered as by ``contact_register``."""
    resident = resident_get_or_create_by_bsn(bsn=bsn, name=name)
    access_log_record(
        resident=resident,
        user=registered_by,
        what=_("Naam, geboortedatum en adres uit de BRP"),
        reason=_("Contact registreren"),
    )
    return contact_register(
        channel=channel,
        topic=topic,
        summary=summary,
        outcome=outcome,
        registered_by=registered_by,
        team=team,
        resident=resident,
        open_request=open_request,
        callback_phone=callback_phone,
    )


def resident_login_business(*, kvk: str, branch: str = ""):
    """The portal user of the business with this KvK number (eHerkenning); made on first login.

    One party per KvK number (a database constraint), also the one staff may have registered
    from a phone call, so the business finds those contacts too. The name comes from the KvK
    register at every login. A branch number (vestigingsnummer) gives a user of its own, tied
    to the same party and the branch: that login sees only what was made under its branch.
    """
    if not is_valid_kvk(kvk):
        raise ValidationError(_("Een KvK-nummer bestaat uit 8 cijfers."))
    if branch and not is_valid_branch(branch):
        raise ValidationError(_("Een vestigingsnummer bestaat uit 12 cijfers."))
    # Asked before the transaction: a production register is a call over the network. When
    # it is unavailable the login goes on with the names we have; any other error is a bug.
    try:
        company = get_kvk_register().company(kvk)
    except KvKUnavailable:
        logger.warning("KvK register unavailable: names not refreshed")
        company = None
    known_branch = company.branch(branch) if company and branch else None
    return _business_login(
        kvk=kvk,
        branch=branch,
        name=company.name if company else "",
        branch_name=known_branch.label if known_branch else "",
    )


def _new_portal_user(prefix: str):
    return get_user_model().objects.create_user(
        username=f"{prefix}-{secrets.token_hex(8)}", password=None
    )


@transaction.atomic
def _business_login(*, kvk: str, branch: str, name: str, branch_name: str):
    # get_or_create under the constraint: of two first logins at once, the second one's
    # insert fails and it finds the first one's row (Django retries the get).
    business, _created = Resident.objects.select_for_update().get_or_create(
        kind=ResidentKind.BUSINESS, kvk_number=kvk, defaults={"name": name}
    )
    if name and business.name != name:
        business.name = name
        business.save(update_fields=["name"])
    if branch:
        branch_login = (
            BranchLogin.objects.filter(resident=business, branch_number=branch)
            .select_related("user")
            .first()
        )
        if branch_login is None:
            # The party's row is locked: no second login of this branch gets here meanwhile.
            branch_login = BranchLogin.objects.create(
                resident=business,
                branch_number=branch,
                name=branch_name,
                user=_new_portal_user("vestiging"),
            )
        elif branch_name and branch_login.name != branch_name:
            branch_login.name = branch_name
            branch_login.save(update_fields=["name"])
        return branch_login.user
    if business.user_id is None:
        business.user = _new_portal_user("bedrijf")
        business.save(update_fields=["user"])
    return business.user


# --- the resident's own data ---------------------------------------------------------------

EMAIL_CONFIRM_SALT = "contacts.email-confirm"


def _require_whole_party(resident: Resident) -> None:
    if not acts_for_the_whole_party(resident):
        raise PermissionDenied("a login for one branch does not change the business's details")


@transaction.atomic
def resident_update_preferences(
    *,
    resident: Resident,
    phone: str,
    preferred_channel: str,
    notify_status: bool,
    notify_messages: bool,
    notify_reminders: bool,
) -> Resident:
    _require_whole_party(resident)
    resident = Resident.objects.select_for_update().get(pk=resident.pk)
    resident.phone = phone.strip()[:20]
    resident.preferred_channel = preferred_channel
    resident.notify_status = notify_status
    resident.notify_messages = notify_messages
    resident.notify_reminders = notify_reminders
    resident.save(
        update_fields=[
            "phone",
            "preferred_channel",
            "notify_status",
            "notify_messages",
            "notify_reminders",
        ]
    )
    return resident


@transaction.atomic
def resident_request_email_change(*, resident: Resident, email: str) -> str:
    """Keep the new address aside and send a confirmation link to it; returns the token."""
    _require_whole_party(resident)
    from django.core import signing

    from contacts import notifications

    resident = Resident.objects.select_for_update().get(pk=resident.pk)
    resident.pending_email = email.strip().lower()
    resident.save(update_fields=["pending_email"])
    token = signing.dumps(
        {"r": resident.pk, "e": resident.pending_email}, salt=EMAIL_CONFIRM_SALT, compress=True
    )
    transaction.on_commit(
        lambda: notifications.send_email_confirmation.enqueue(resident_id=resident.pk, token=token)
    )
    return token


@transaction.atomic
def resident_remove_email(*, resident: Resident) -> Resident:
    """The resident no longer wants to be mailed: the address goes, with one waiting for
    confirmation (its link then confirms nothing)."""
    _require_whole_party(resident)
    resident = Resident.objects.select_for_update().get(pk=resident.pk)
    resident.email = ""
    resident.pending_email = ""
    resident.save(update_fields=["email", "pending_email"])
    return resident


@transaction.atomic
def resident_confirm_email(*, resident: Resident, token: str) -> Resident:
    """Use the new address once its owner clicked the link (within two days)."""
    import datetime as dt

    from django.core import signing

    try:
        data = signing.loads(token, salt=EMAIL_CONFIRM_SALT, max_age=dt.timedelta(days=2))
    except signing.BadSignature as exc:
        raise ValidationError(_("Deze link werkt niet (meer). Vraag een nieuwe aan.")) from exc
    resident = Resident.objects.select_for_update().get(pk=resident.pk)
    if data.get("r") != resident.pk or data.get("e") != resident.pending_email:
        raise ValidationError(_("Deze link werkt niet (meer). Vraag een nieuwe aan."))
    resident.email = resident.pending_email
    resident.pending_email = ""
    resident.save(update_fields=["email", "pending_email"])
    return resident

import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from contacts.constants import DEFAULT_SERVICE_NORMS, Channel, Direction, Outcome, ResidentKind
from contacts.crypto import bsn_hash
from contacts.models import AccessLogEntry, ContactMoment, Resident, ServiceNorm, Team


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
    """Register a contact. Without an explicit due time, the channel's service norm sets it."""
    now = timezone.now()
    if answer_due_at is None and direction == Direction.INBOUND:
        norm = ServiceNorm.objects.filter(channel=channel).first()
        answer_due_at = norm.due_at(now) if norm else None
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
    )


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

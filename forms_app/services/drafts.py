"""Save and resume: drafts of logged-in residents and resume links for anonymous ones."""

import base64
import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone

from forms_app import tasks
from forms_app.models import Draft

RESUME_SALT = "forms_app.resume"


def _expiry(now):
    return now + dt.timedelta(days=settings.FORMS_DRAFT_DAYS)


def draft_for(*, resident, page) -> Draft | None:
    return (
        Draft.objects.visible_to_resident(resident)
        .active(timezone.now())
        .filter(form_page=page)
        .first()
    )


@transaction.atomic
def draft_save(*, resident, page, data, current_step="", current_step_title="") -> Draft:
    """Store the answers so far; every save moves the expiry date (last activity + N days)."""
    now = timezone.now()
    draft, _created = Draft.objects.select_for_update().update_or_create(
        resident=resident,
        branch_number=resident.branch_scope,
        form_page=page,
        defaults={
            "data": data,
            "current_step": current_step,
            "current_step_title": current_step_title[:200],
            "updated_at": now,
            "expires_at": _expiry(now),
            "reminder_sent_at": None,
        },
    )
    return draft


@transaction.atomic
@transaction.atomic
def draft_discard(*, resident, page) -> None:
    """The resident's draft of this form is gone (no answers left), with its unsent uploads."""
    for draft in Draft.objects.visible_to_resident(resident).filter(form_page=page):
        draft_delete(draft=draft)


@transaction.atomic
def draft_delete(*, draft: Draft) -> None:
    from forms_app.uploads import uploads_delete_for_owner

    owner = (draft.data or {}).get("extra_data", {}).get("owner_token_hash")
    if owner:
        uploads_delete_for_owner(owner_token_hash=owner)
    draft.delete()


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_resume_token(draft: Draft) -> str:
    """A new single-use link for an anonymous draft; an older link stops working."""
    token = secrets.token_urlsafe(24)
    draft.resume_token_hash = _token_hash(token)
    draft.save(update_fields=["resume_token_hash"])
    signed = signing.dumps({"d": str(draft.uuid), "t": token}, salt=RESUME_SALT)
    # Wagtail serves page paths of word characters and dashes only: no ":" in the URL.
    return base64.urlsafe_b64encode(signed.encode()).decode().rstrip("=")


@transaction.atomic
def resume_link_create(*, page, data, email: str) -> str:
    """Store an anonymous resident's answers and e-mail a signed, single-use link.

    Returns the signed token (for tests); the link itself only goes out by e-mail.
    """
    now = timezone.now()
    draft = Draft.objects.create(
        form_page=page,
        email=email,
        data=data,
        current_step=data.get("step") or "",
        current_step_title=(data.get("extra_data") or {}).get("step_title", "")[:200],
        updated_at=now,
        expires_at=_expiry(now),
    )
    signed = _new_resume_token(draft)
    transaction.on_commit(
        lambda: tasks.send_resume_link.enqueue(draft_id=draft.pk, signed_token=signed)
    )
    return signed


@transaction.atomic
def resume_link_use(*, page, signed: str) -> Draft | None:
    """The draft behind a resume link, once: the link stops working when it is used."""
    try:
        signed = base64.urlsafe_b64decode(signed + "=" * (-len(signed) % 4)).decode()
        payload = signing.loads(
            signed, salt=RESUME_SALT, max_age=dt.timedelta(hours=settings.FORMS_RESUME_LINK_HOURS)
        )
    except (signing.BadSignature, ValueError):
        return None
    draft = (
        Draft.objects.select_for_update()
        .active(timezone.now())
        .filter(uuid=payload.get("d"), form_page=page, resident__isnull=True)
        .first()
    )
    if draft is None or not draft.resume_token_hash:
        return None
    if not secrets.compare_digest(draft.resume_token_hash, _token_hash(payload.get("t", ""))):
        return None
    data = draft.data
    draft.delete()
    draft.data = data
    return draft


@transaction.atomic
def drafts_expire(*, now=None) -> int:
    """Delete drafts past their expiry date, with their unsent uploads."""
    now = now or timezone.now()
    count = 0
    for draft in Draft.objects.filter(expires_at__lte=now):
        draft_delete(draft=draft)
        count += 1
    return count


def drafts_send_reminders(*, now=None) -> int:
    """E-mail residents whose draft expires within FORMS_DRAFT_REMINDER_DAYS, once."""
    now = now or timezone.now()
    due = Draft.objects.filter(
        reminder_sent_at__isnull=True,
        expires_at__gt=now,
        expires_at__lte=now + dt.timedelta(days=settings.FORMS_DRAFT_REMINDER_DAYS),
    )
    count = 0
    for draft_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            draft = Draft.objects.select_for_update().get(pk=draft_id)
            if draft.reminder_sent_at is not None:
                continue
            draft.reminder_sent_at = now
            draft.save(update_fields=["reminder_sent_at"])
            signed = "" if draft.resident_id else _new_resume_token(draft)
            transaction.on_commit(
                lambda pk=draft_id, signed=signed: tasks.send_draft_reminder.enqueue(
                    draft_id=pk, signed_token=signed
                )
            )
            count += 1
    return count

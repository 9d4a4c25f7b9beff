"""The outbox: e-mail is queued inside the caller's transaction and sent by a task, once.

Sending is exactly once as far as this database can know it: a row is claimed (status
"sending") in its own transaction before the mail server is called, so a retried or
duplicated task finds it claimed and sends nothing. The one window left is a worker killed
after the mail server accepted the message and before the row is marked "sent": after
``OUTBOX_SENDING_TIMEOUT`` seconds ``send_due`` treats such a row as not sent and tries again,
so that message may arrive twice (at least once, never lost).
"""

import datetime as dt
import hashlib
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from outbox import tasks
from outbox.constants import EmailStatus
from outbox.models import OutboundEmail

logger = logging.getLogger(__name__)


def dedupe_digest(text: str) -> str:
    """A short name for a dedupe key that does not keep ``text`` (a link token, a list)."""
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def queue_email(
    *,
    to: str | list[str],
    subject: str,
    body: str,
    html: str | None = None,
    reply_to: str | list[str] | None = None,
    dedupe_key: str,
) -> OutboundEmail:
    """Queue one e-mail; it is sent after the caller's transaction commits.

    ``dedupe_key`` names this message: queueing the same key again returns the first row and
    sends nothing more.
    """
    recipients = [to] if isinstance(to, str) else list(to)
    replies = [reply_to] if isinstance(reply_to, str) else list(reply_to or [])
    with transaction.atomic():
        email, created = OutboundEmail.objects.get_or_create(
            dedupe_key=dedupe_key,
            defaults={
                "to": recipients,
                "reply_to": replies,
                "subject": subject,
                "body": body,
                "html": html or "",
            },
        )
        if created:
            # Robust: a task queue that is down must not undo the caller's work; send_due
            # picks the row up on its next run.
            transaction.on_commit(lambda: tasks.send_email.enqueue(email_id=email.pk), robust=True)
    return email


def retry_delay(attempts: int) -> dt.timedelta:
    """Exponential backoff: base, 2x, 4x ... up to the maximum."""
    seconds = settings.OUTBOX_RETRY_BASE_SECONDS * 2 ** max(0, attempts - 1)
    return dt.timedelta(seconds=min(seconds, settings.OUTBOX_RETRY_MAX_SECONDS))


def _claim(email_id: int, now: dt.datetime) -> OutboundEmail | None:
    # One conditional UPDATE: of two workers only one changes the row, on PostgreSQL and on
    # SQLite alike (SQLite has no SELECT ... FOR UPDATE).
    claimed = OutboundEmail.objects.filter(
        pk=email_id, status=EmailStatus.PENDING, next_attempt_at__lte=now
    ).update(status=EmailStatus.SENDING, attempts=F("attempts") + 1, last_attempt_at=now)
    if not claimed:
        return None
    return OutboundEmail.objects.get(pk=email_id)


def _deliver(email: OutboundEmail) -> None:
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body,
        to=email.to,
        reply_to=email.reply_to or None,
    )
    if email.html:
        message.attach_alternative(email.html, "text/html")
    message.send(fail_silently=False)


def _error_text(exc: Exception) -> str:
    # SMTP replies can name the recipient; keep the class and the reply code only.
    code = getattr(exc, "smtp_code", None)
    return f"{type(exc).__name__}{f' {code}' if code else ''}"[:200]


def send_one(*, email_id: int, now: dt.datetime | None = None) -> str | None:
    """Send a due e-mail once; returns its new status, or None when it was not due."""
    now = now or timezone.now()
    email = _claim(email_id, now)
    if email is None:
        return None
    try:
        _deliver(email)
    except Exception as exc:  # noqa: BLE001 - any failure of the mail server is retried
        return _record_failure(email, exc, now)
    OutboundEmail.objects.filter(pk=email.pk, status=EmailStatus.SENDING).update(
        status=EmailStatus.SENT, sent_at=timezone.now(), body="", html="", last_error=""
    )
    return EmailStatus.SENT


def _record_failure(email: OutboundEmail, exc: Exception, now: dt.datetime) -> str:
    error = _error_text(exc)
    give_up = now - email.created_at >= dt.timedelta(seconds=settings.OUTBOX_GIVE_UP_AFTER)
    if give_up:
        changes = {"status": EmailStatus.FAILED, "given_up_at": now, "body": "", "html": ""}
        logger.error("E-mail %s given up after %s attempts: %s", email.pk, email.attempts, error)
    else:
        changes = {
            "status": EmailStatus.PENDING,
            "next_attempt_at": now + retry_delay(email.attempts),
        }
        logger.warning("E-mail %s not sent (attempt %s): %s", email.pk, email.attempts, error)
    OutboundEmail.objects.filter(pk=email.pk, status=EmailStatus.SENDING).update(
        last_error=error, **changes
    )
    return changes["status"]


def release_stuck(*, now: dt.datetime | None = None) -> int:
    """Rows claimed by a worker that never reported back go back to the queue."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(seconds=settings.OUTBOX_SENDING_TIMEOUT)
    released = OutboundEmail.objects.filter(
        status=EmailStatus.SENDING, last_attempt_at__lt=cutoff
    ).update(status=EmailStatus.PENDING, next_attempt_at=now, last_error="Onderbroken")
    if released:
        logger.warning("%s e-mail(s) claimed by a stopped worker queued again", released)
    return released


def send_due(*, now: dt.datetime | None = None, limit: int = 200) -> dict[str, int]:
    """Send what is due now (new, or waiting for its next try); run every minute."""
    now = now or timezone.now()
    released = release_stuck(now=now)
    results: dict[str, int] = {"released": released}
    for email_id in OutboundEmail.objects.due(now=now).order_by("next_attempt_at")[:limit]:
        status = send_one(email_id=email_id.pk, now=now)
        if status:
            results[status] = results.get(status, 0) + 1
    return results


def purge_old(*, now: dt.datetime | None = None) -> int:
    """Retention: sent and given-up rows go after OUTBOX_RETENTION_DAYS."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.OUTBOX_RETENTION_DAYS)
    deleted, _ = OutboundEmail.objects.filter(
        status__in=[EmailStatus.SENT, EmailStatus.FAILED], created_at__lt=cutoff
    ).delete()
    return deleted

import datetime as dt
import smtplib

import pytest
from django.core import mail
from django.utils import timezone

from outbox.constants import EmailStatus
from outbox.models import OutboundEmail
from outbox.services import purge_old, queue_email, send_due, send_one
from outbox.tasks import send_email

pytestmark = pytest.mark.django_db


class MailServerDown:
    """The SMTP backend as it behaves with the mail server unreachable."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPConnectError(421, "Service not available")


@pytest.fixture
def mail_down(settings):
    settings.EMAIL_BACKEND = "tests.outbox.test_services.MailServerDown"


def queue(key="test:1", **kwargs):
    return queue_email(
        to="anna@example.nl",
        subject="Wij hebben uw melding ontvangen (HH-AB12)",
        body="Uw kenmerk is HH-AB12.",
        dedupe_key=key,
        **kwargs,
    )


def test_queued_email_is_sent_after_commit_and_its_body_blanked(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        email = queue(html="<p>Uw kenmerk is HH-AB12.</p>", reply_to="info@hethogeland.nl")

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.nl"]
    assert mail.outbox[0].reply_to == ["info@hethogeland.nl"]
    assert mail.outbox[0].alternatives[0][1] == "text/html"
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert email.body == "" and email.html == ""


def test_nothing_is_sent_when_the_callers_transaction_rolls_back(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        queue()
    # The caller's transaction did not commit: its callbacks never run.
    assert len(callbacks) == 1
    assert mail.outbox == []


def test_the_same_key_queued_twice_sends_one_email(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = queue()
        second = queue()

    assert first.pk == second.pk
    assert len(mail.outbox) == 1


def test_a_retried_or_duplicated_task_never_sends_twice():
    email = queue()

    send_email.call(email_id=email.pk)
    send_email.call(email_id=email.pk)
    send_due()

    assert len(mail.outbox) == 1


def test_mail_server_down_keeps_the_email_and_retries_with_backoff(mail_down, settings):
    settings.OUTBOX_RETRY_BASE_SECONDS = 60
    email = queue()
    now = timezone.now()

    assert send_one(email_id=email.pk, now=now) == EmailStatus.PENDING
    email.refresh_from_db()
    assert email.attempts == 1
    assert email.next_attempt_at == now + dt.timedelta(seconds=60)
    assert email.last_error == "SMTPConnectError 421"
    assert email.body  # still there to send later

    # Not due yet: nothing happens; then the second try waits twice as long.
    assert send_due(now=now + dt.timedelta(seconds=30)) == {"released": 0}
    send_due(now=now + dt.timedelta(seconds=61))
    email.refresh_from_db()
    assert email.attempts == 2
    assert email.next_attempt_at == now + dt.timedelta(seconds=61 + 120)


def test_a_retry_after_the_mail_server_is_back_sends_it_once(mail_down, settings):
    now = timezone.now()
    email = queue()
    send_one(email_id=email.pk, now=now)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    send_due(now=now + dt.timedelta(hours=1))
    send_due(now=now + dt.timedelta(hours=2))

    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT


def test_gives_up_after_the_configured_time_and_forgets_the_body(mail_down, settings):
    settings.OUTBOX_GIVE_UP_AFTER = 3600
    email = queue()

    status = send_one(email_id=email.pk, now=email.created_at + dt.timedelta(seconds=3600))

    assert status == EmailStatus.FAILED
    email.refresh_from_db()
    assert email.given_up_at is not None
    assert email.body == ""
    assert OutboundEmail.objects.undelivered().get() == email


def test_a_worker_killed_after_claiming_leaves_the_email_to_be_sent_later(settings):
    """Killed between claiming the row and reporting back: after the timeout it is sent."""
    settings.OUTBOX_SENDING_TIMEOUT = 600
    email = queue()
    now = timezone.now()
    OutboundEmail.objects.filter(pk=email.pk).update(
        status=EmailStatus.SENDING, last_attempt_at=now, attempts=1
    )

    # While the worker may still be busy, nobody else sends it.
    send_email.call(email_id=email.pk)
    assert send_due(now=now + dt.timedelta(seconds=60)) == {"released": 0}
    assert mail.outbox == []

    result = send_due(now=now + dt.timedelta(seconds=601))

    assert result == {"released": 1, "sent": 1}
    assert len(mail.outbox) == 1


def test_failure_logs_never_name_the_recipient(mail_down, caplog):
    email = queue()

    send_one(email_id=email.pk)

    assert caplog.records
    assert "anna@example.nl" not in caplog.text


def test_retention_removes_old_sent_and_given_up_rows(settings):
    settings.OUTBOX_RETENTION_DAYS = 30
    old = queue("old")
    pending = queue("pending")
    OutboundEmail.objects.filter(pk=old.pk).update(
        status=EmailStatus.SENT, created_at=timezone.now() - dt.timedelta(days=31)
    )
    OutboundEmail.objects.filter(pk=pending.pk).update(
        created_at=timezone.now() - dt.timedelta(days=31)
    )

    assert purge_old() == 1
    assert list(OutboundEmail.objects.all()) == [pending]

from django.db import models
from django.db.models import Q
from django.utils import timezone

from outbox.constants import EmailStatus


class OutboundEmailQuerySet(models.QuerySet):
    def due(self, *, now=None):
        return self.filter(status=EmailStatus.PENDING, next_attempt_at__lte=now or timezone.now())

    def undelivered(self):
        return self.filter(status=EmailStatus.FAILED)


class OutboundEmail(models.Model):
    """One e-mail to send, sent at most once by ``outbox.services.send_one``.

    The recipient and body are personal data: the body is blanked once the message is sent
    or given up, and the whole row goes after ``OUTBOX_RETENTION_DAYS``.
    """

    # The caller's name for this message ("forms.confirmation:12"): queueing it again (a task
    # that runs twice) finds the existing row instead of making a second e-mail.
    dedupe_key = models.CharField(max_length=200, unique=True)
    to = models.JSONField("aan", default=list)
    reply_to = models.JSONField(default=list, blank=True)
    subject = models.CharField("onderwerp", max_length=998)
    body = models.TextField(blank=True)
    html = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING
    )
    attempts = models.PositiveIntegerField("pogingen", default=0)
    # No recipient in here: the class of the error and the server's reply code only.
    last_error = models.CharField("laatste fout", max_length=200, blank=True)
    created_at = models.DateTimeField("aangemaakt", default=timezone.now)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField("verzonden", null=True, blank=True)
    given_up_at = models.DateTimeField("opgegeven", null=True, blank=True)

    objects = OutboundEmailQuerySet.as_manager()

    class Meta:
        verbose_name = "uitgaande e-mail"
        verbose_name_plural = "uitgaande e-mail"
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                name="outbox_pending_due",
                condition=Q(status="pending"),
            )
        ]

    def __str__(self):
        return self.subject

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models import Case
from contacts.branches import branch_scope_q
from contacts.constants import Channel
from contacts.models import Resident


class SubmissionQuerySet(models.QuerySet):
    def visible_to_resident(self, resident):
        """A login for one branch of a business sees that branch's submissions (by case)."""
        if resident is None:
            return self.none()
        return self.filter(branch_scope_q(resident, "case__branch_number"), resident=resident)

    def visible_to_staff(self, user):
        return self.filter(case__in=Case.objects.visible_to_staff(user))


class Submission(models.Model):
    """A submitted form: the typed answers as asked (see forms_app/README.md) and its case."""

    form_page = models.ForeignKey(
        "forms_app.FormPage", on_delete=models.SET_NULL, null=True, related_name="submissions"
    )
    # The revision the resident filled in: labels and options as they were asked.
    form_revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    form_title = models.CharField(max_length=255)
    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="submission")
    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, null=True, blank=True, related_name="submissions"
    )
    answers = models.JSONField(default=list)
    # Assisted digital: filled in by staff during a call or at the counter, for the resident.
    channel = models.CharField(
        _("kanaal"), max_length=20, choices=Channel.choices, default=Channel.WEB
    )
    intermediary = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingevuld door medewerker"),
    )
    idempotency_key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # Retention: answers and uploads go, the case keeps its reference, type and dates.
    answers_deleted_at = models.DateTimeField(null=True, blank=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("inzending")
        verbose_name_plural = _("inzendingen")

    def __str__(self):
        return f"{self.form_title} ({self.case.reference})"

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models import Case
from contacts.models import Resident


class SubmissionQuerySet(models.QuerySet):
    def visible_to_resident(self, resident):
        if resident is None:
            return self.none()
        return self.filter(resident=resident)

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

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from contacts.models import Resident


class DraftQuerySet(models.QuerySet):
    def visible_to_resident(self, resident):
        """Each login's own drafts: a business's login for one branch and its login for the
        whole KvK number keep theirs apart (``Resident.branch_scope``, "" for the whole)."""
        if resident is None:
            return self.none()
        return self.filter(resident=resident, branch_number=resident.branch_scope)

    def active(self, now):
        return self.filter(expires_at__gt=now)


class Draft(models.Model):
    """A form filled in halfway, saved after every step (save and resume).

    ``data`` is django-formtools' storage dict: the raw answers per step key, uploads as
    upload ids. A logged-in resident has one draft per form; an anonymous resident gets a
    draft only when they ask for a resume link, found again by ``uuid`` and a one-time token.
    """

    uuid = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    form_page = models.ForeignKey(
        "forms_app.FormPage", on_delete=models.CASCADE, related_name="drafts"
    )
    resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, null=True, blank=True, related_name="drafts"
    )
    # The branch (vestiging) of a business whose login for that branch made this.
    branch_number = models.CharField(max_length=12, blank=True)
    email = models.EmailField(_("e-mailadres voor de link"), blank=True)
    data = models.JSONField(default=dict)
    current_step = models.CharField(max_length=40, blank=True)
    current_step_title = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("laatst bijgewerkt"))
    expires_at = models.DateTimeField(_("verloopt op"))
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    # SHA-256 of the single-use resume token; empty once used.
    resume_token_hash = models.CharField(max_length=64, blank=True)

    objects = DraftQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["resident", "branch_number", "form_page"],
                condition=Q(resident__isnull=False),
                name="one_draft_per_resident_branch_form",
            )
        ]
        indexes = [models.Index(fields=["expires_at"])]
        verbose_name = _("concept")
        verbose_name_plural = _("concepten")

    def __str__(self):
        return f"{self.form_page} ({self.updated_at:%d-%m-%Y})"

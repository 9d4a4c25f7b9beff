import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cases.models import Case
from contacts.branches import branch_scope_q
from contacts.models import Resident
from forms_app.constants import ScanStatus


def _private_storage():
    from django.core.files.storage import storages

    return storages["private"]


def _generated_name(instance, filename):
    # Never the resident's file name: it may hold personal data or path tricks.
    return f"uploads/{instance.uuid.hex[:2]}/{instance.uuid.hex}"


class UploadQuerySet(models.QuerySet):
    def visible_to_resident(self, resident):
        """A business's login for one branch sees that branch's uploads; its login for the
        whole KvK number its own unsent uploads and every sent one (``Resident.branch_scope``)."""
        if resident is None:
            return self.none()
        own = self.filter(resident=resident)
        if resident.branch_scope:
            return own.filter(branch_scope_q(resident))
        return own.filter(Q(branch_number="") | Q(submission__isnull=False))

    def visible_to_staff(self, user):
        return self.filter(submission__case__in=Case.objects.visible_to_staff(user))


class Upload(models.Model):
    """A file a resident attached to a form, in private storage under a generated name.

    Before the form is sent it belongs to the wizard that received it (``owner_token``, and
    ``resident`` when logged in); submitting links it to the submission.
    """

    uuid = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    file = models.FileField(storage=_private_storage, upload_to=_generated_name, max_length=200)
    original_name = models.CharField(_("bestandsnaam"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("grootte"))
    sha256 = models.CharField(max_length=64)
    scan_status = models.CharField(max_length=20, choices=ScanStatus.choices)
    form_page = models.ForeignKey(
        "forms_app.FormPage", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    field_key = models.CharField(max_length=40)
    resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, null=True, blank=True, related_name="uploads"
    )
    # The branch (vestiging) of a business whose login for that branch made this.
    branch_number = models.CharField(max_length=12, blank=True)
    # SHA-256 of the wizard's random owner token: only that wizard may attach this upload.
    owner_token_hash = models.CharField(max_length=64, db_index=True)
    submission = models.ForeignKey(
        "forms_app.Submission",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="uploads",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = UploadQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")

    def __str__(self):
        return self.original_name

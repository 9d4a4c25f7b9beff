from django.db import models
from django.utils.translation import gettext_lazy as _


class FormRun(models.Model):
    """One resident's way through a form, counted without any personal data.

    No link to a resident, session or answers: only which form, when it started, the last
    step reached and whether (and when) it was sent. Feeds the editors' form statistics.
    """

    form_page = models.ForeignKey("forms_app.FormPage", on_delete=models.CASCADE, related_name="+")
    started_at = models.DateTimeField()
    last_step = models.CharField(max_length=40)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["form_page", "started_at"])]
        verbose_name = _("formuliergebruik")
        verbose_name_plural = _("formuliergebruik")

    def __str__(self):
        return f"{self.form_page_id} {self.started_at:%Y-%m-%d %H:%M}"

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PageFeedback(models.Model):
    """Was deze informatie nuttig? Stores no personal data: no IP, no user, no time of day."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("pagina")
    )
    helpful = models.BooleanField(_("nuttig"))
    comment = models.TextField(_("toelichting"), max_length=1000, blank=True)
    created_on = models.DateField(_("datum"), default=timezone.localdate, db_index=True)

    class Meta:
        ordering = ["-created_on", "-pk"]
        verbose_name = _("reactie op pagina")
        verbose_name_plural = _("reacties op pagina's")

    def __str__(self):
        return f"{'Ja' if self.helpful else 'Nee'}: {self.page_id}"

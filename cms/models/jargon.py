from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class JargonTerm(models.Model):
    """A word or phrase residents stumble over, with a plainer one (the B1 hints use this)."""

    term = models.CharField(
        _("moeilijk woord"),
        max_length=60,
        unique=True,
        help_text=_("Een of meer woorden, zoals ‘conform’ of ‘ten behoeve van’."),
    )
    alternative = models.CharField(
        _("schrijf liever"), max_length=120, blank=True, help_text=_("Bijvoorbeeld ‘volgens’.")
    )

    panels = [FieldPanel("term"), FieldPanel("alternative")]

    class Meta:
        ordering = ["term"]
        verbose_name = _("moeilijk woord")
        verbose_name_plural = _("moeilijke woorden")

    def __str__(self):
        return self.term

    def clean(self):
        # Matching ignores case and spacing, so "Conform" and "conform" are the same term.
        self.term = " ".join(self.term.lower().split())

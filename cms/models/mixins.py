import datetime as dt

from django.contrib.auth.models import Group
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from cms.constants import REVIEW_INTERVAL_DAYS
from cms.forms import OwnedPageForm


class ContentOwnershipMixin(models.Model):
    """Every page has a team that keeps it current, and a date by which it must be checked."""

    owner_group = models.ForeignKey(
        Group,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("eigenaar (team)"),
        help_text=_("Dit team houdt de pagina actueel."),
    )
    review_by = models.DateField(
        _("controleren vóór"),
        null=True,
        blank=True,
        help_text=_("Leeg laten: 12 maanden na publiceren."),
    )
    last_reviewed_on = models.DateField(_("laatst gecontroleerd op"), null=True, blank=True)

    ownership_panels = [
        MultiFieldPanel(
            [FieldPanel("owner_group"), FieldPanel("review_by"), FieldPanel("last_reviewed_on")],
            heading=_("Eigenaar en controle"),
        )
    ]

    class Meta:
        abstract = True

    def mark_reviewed(self, on: dt.date | None = None) -> None:
        """Publishing counts as a check: the next one is due a year later."""
        on = on or timezone.localdate()
        self.last_reviewed_on = on
        self.review_by = on + dt.timedelta(days=REVIEW_INTERVAL_DAYS)


class BasePage(ContentOwnershipMixin):
    """Mixin for every public page type: ownership, review date, meta tags."""

    base_form_class = OwnedPageForm

    class Meta:
        abstract = True

    @property
    def meta_description(self) -> str:
        return self.search_description or getattr(self, "summary", "") or ""

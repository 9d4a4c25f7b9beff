import datetime as dt

from django.contrib.auth.models import Group
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.utils.decorators import cached_classmethod

from cms.constants import REVIEW_INTERVAL_DAYS
from cms.forms import OwnedPageForm
from cms.models.routing import CachedViewRestrictionsMixin


class ReviewDatePanel(FieldPanel):
    """A date shown, not edited: "5 maart 2026", or that there was no check yet."""

    def format_value_for_display(self, value):
        if value is None:
            return _("Nog niet gecontroleerd")
        return formats.date_format(value, "j F Y")


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
    # Set by publishing and by "Gecontroleerd, geen wijzigingen" (cms.review), never by hand.
    last_reviewed_on = models.DateField(_("laatst gecontroleerd op"), null=True, blank=True)

    # On the first tab of every page type, so the required team is seen while writing.
    ownership_panels = [
        MultiFieldPanel(
            [
                # Also for a draft: a page nobody owns is never checked.
                FieldPanel("owner_group", required_on_save=True),
                FieldPanel("review_by"),
                ReviewDatePanel("last_reviewed_on", read_only=True),
            ],
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


class BasePage(CachedViewRestrictionsMixin, ContentOwnershipMixin):
    """Mixin for every public page type: ownership, review date, meta tags."""

    base_form_class = OwnedPageForm

    class Meta:
        abstract = True

    @cached_classmethod
    def get_edit_handler(cls):
        """Wagtail's tabs, with "Eigenaar en controle" at the end of the first tab.

        Page types list ``ownership_panels`` among their settings panels; the owning team is
        required, so the editor must see it while writing, on every page type (also ones
        that forget the panel).
        """
        if hasattr(cls, "edit_handler"):
            return cls.edit_handler.bind_to_model(cls)
        ownership = ContentOwnershipMixin.ownership_panels

        def others(panels):
            return [panel for panel in panels if panel not in ownership]

        tabs = [ObjectList(others(cls.content_panels) + ownership, heading=_("Content"))]
        if cls.promote_panels:
            tabs.append(ObjectList(others(cls.promote_panels), heading=_("Promote")))
        if others(cls.settings_panels):
            tabs.append(ObjectList(others(cls.settings_panels), heading=_("Settings")))
        return TabbedInterface(tabs, base_form_class=cls.base_form_class).bind_to_model(cls)

    @property
    def meta_description(self) -> str:
        return self.search_description or getattr(self, "summary", "") or ""

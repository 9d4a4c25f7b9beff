from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, MultipleChooserPanel
from wagtail.models import Orderable

from cms.constants import Severity


class AlertQuerySet(models.QuerySet):
    def active_at(self, moment):
        return self.filter(starts_at__lte=moment).filter(
            models.Q(ends_at__isnull=True) | models.Q(ends_at__gt=moment)
        )


class Alert(ClusterableModel):
    """A short notice from unit Nieuws: a road closure, gladheid, an outage."""

    title = models.CharField(_("titel"), max_length=120)
    message = models.TextField(_("bericht"), max_length=600)
    link = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("meer informatie op"),
    )
    severity = models.CharField(
        _("ernst"), max_length=10, choices=Severity.choices, default=Severity.INFO
    )
    starts_at = models.DateTimeField(_("tonen vanaf"), default=timezone.now)
    ends_at = models.DateTimeField(_("tonen tot"), null=True, blank=True)
    objects = AlertQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("message"),
        FieldPanel("link"),
        FieldPanel("severity"),
        MultiFieldPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading=_("Periode")),
        MultipleChooserPanel(
            "sections",
            chooser_field_name="page",
            heading=_("Alleen in deze onderdelen"),
            label=_("Onderdeel"),
            help_text=_("Leeg: op de hele website. Anders op deze pagina's en alles eronder."),
        ),
    ]

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")

    def __str__(self):
        return self.title

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("Het einde moet na het begin liggen.")})


class AlertSection(Orderable):
    """A part of the website where an alert shows: the chosen page and everything below it."""

    alert = ParentalKey(Alert, on_delete=models.CASCADE, related_name="sections")
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("onderdeel"),
    )

    panels = [FieldPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("onderdeel")
        verbose_name_plural = _("onderdelen")

    def clean(self):
        # The root is above every site: "everywhere" is an alert without sections.
        if self.page_id and self.page.is_root():
            raise ValidationError({"page": _("Kies een onderdeel van de website.")})

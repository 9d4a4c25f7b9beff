"""Legal and trust pages: each page type adds the part that must stay correct by itself."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from cms.cookies import site_cookies
from cms.models.mixins import BasePage
from cms.privacy import form_privacy

LEGAL_FEATURES = ["h2", "h3", "bold", "link", "ol", "ul"]


class LegalPage(BasePage, Page):
    """Shared fields of the legal pages."""

    summary = models.CharField(_("samenvatting"), max_length=300, blank=True)
    body = RichTextField(_("tekst"), features=LEGAL_FEATURES, blank=True)

    settings_panels = Page.settings_panels + BasePage.ownership_panels
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        abstract = True


class AccessibilityStatus(models.TextChoices):
    """The statuses of the national register (toegankelijkheidsverklaring.nl)."""

    A = "A", _("A: voldoet volledig")
    B = "B", _("B: voldoet gedeeltelijk")
    C = "C", _("C: eerste maatregelen genomen")
    D = "D", _("D: eerste maatregelen gepland")
    E = "E", _("E: voldoet niet")


class KnownIssueBlock(blocks.StructBlock):
    description = blocks.TextBlock(label=_("Wat werkt niet goed?"))
    criterion = blocks.CharBlock(
        label=_("Succescriterium"),
        required=False,
        max_length=120,
        help_text=_("Bijvoorbeeld 1.4.3 Contrast (minimum)."),
    )
    fix = blocks.CharBlock(
        label=_("Wat doen wij eraan, en wanneer?"), required=False, max_length=300
    )

    class Meta:
        icon = "warning"
        label = _("Bekend probleem")


class AccessibilityStatementPage(LegalPage):
    """Toegankelijkheidsverklaring in the format of the national register."""

    status = models.CharField(
        _("status"), max_length=1, choices=AccessibilityStatus.choices, default="B"
    )
    scope = models.CharField(
        _("geldt voor"),
        max_length=300,
        default="www.hethogeland.nl en Mijn Hogeland",
        help_text=_("De websites en apps waar deze verklaring over gaat."),
    )
    statement_date = models.DateField(_("datum van de verklaring"))
    research_date = models.DateField(_("datum van het onderzoek"))
    research_by = models.CharField(_("onderzoek gedaan door"), max_length=200)
    research_method = models.CharField(
        _("onderzoeksmethode"),
        max_length=200,
        default="WCAG-EM, getoetst aan WCAG 2.2 niveau AA (EN 301 549)",
    )
    report_url = models.URLField(_("onderzoeksrapport"), blank=True)
    known_issues = StreamField(
        [("issue", KnownIssueBlock())], verbose_name=_("bekende problemen"), blank=True
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("scope"), FieldPanel("statement_date")],
            heading=_("Verklaring"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("research_date"),
                FieldPanel("research_by"),
                FieldPanel("research_method"),
                FieldPanel("report_url"),
            ],
            heading=_("Onderzoek"),
        ),
        FieldPanel("known_issues"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("toegankelijkheidsverklaring")


class PrivacyStatementPage(LegalPage):
    """Privacyverklaring; the part per form comes from the forms themselves."""

    privacy_officer_email = models.EmailField(
        _("e-mail functionaris gegevensbescherming"), default="privacy@hethogeland.nl"
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("privacy_officer_email"),
    ]

    class Meta:
        verbose_name = _("privacyverklaring")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["forms"] = form_privacy()
        return context


class CookieStatementPage(LegalPage):
    """Cookieverklaring; the list of cookies comes from the code that sets them."""

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]

    class Meta:
        verbose_name = _("cookieverklaring")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["cookies"] = site_cookies()
        return context

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.constants import ServiceKind
from cms.models.locations import LocationPage
from cms.models.mixins import BasePage
from cms.models.routing import public
from cms.models.service_index import service_index_context
from cms.models.settings import MunicipalitySettings
from cms.readability import ReadabilityPanel

SECTION_FEATURES = ["h3", "bold", "link", "ol", "ul"]


class ServiceIndexPage(BasePage, Page):
    """Overview of products and services, A to Z."""

    intro = models.CharField(_("inleiding"), max_length=300, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    settings_panels = Page.settings_panels + BasePage.ownership_panels
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ServicePage"]

    class Meta:
        verbose_name = _("overzicht producten en diensten")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(service_index_context(self, request))
        return context


class ServicePageRelated(Orderable):
    service = ParentalKey("cms.ServicePage", on_delete=models.CASCADE, related_name="related")
    page = models.ForeignKey(
        "cms.ServicePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("dienst")
    )

    panels = [PageChooserPanel("page")]


class ServicePage(BasePage, Page):
    """A product or service ("toptaak"): what it is and how to arrange it."""

    summary = models.CharField(
        _("samenvatting"),
        max_length=300,
        help_text=_("Eén of twee zinnen in eenvoudige taal. Verschijnt in zoekresultaten."),
    )
    what = RichTextField(_("wat is het?"), features=SECTION_FEATURES, blank=True)
    conditions = RichTextField(_("voorwaarden"), features=SECTION_FEATURES, blank=True)
    costs = RichTextField(_("kosten"), features=SECTION_FEATURES, blank=True)
    needed = RichTextField(_("wat heeft u nodig?"), features=SECTION_FEATURES, blank=True)
    how = RichTextField(
        _("hoe regelt u het?"),
        features=SECTION_FEATURES,
        blank=True,
        help_text=_("Extra uitleg. Online, afspraak en telefoon staan er automatisch bij."),
    )
    form_page = models.ForeignKey(
        "forms_app.FormPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("online regelen via"),
    )
    # Linked by name only (no import): the answer time comes from the case type, typed once.
    case_type = models.ForeignKey(
        "cases.CaseType",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("soort aanvraag"),
        help_text=_("Bepaalt ‘Hoe lang duurt het?’. Leeg: de aanvraag van het formulier."),
    )
    appointment_locations = ParentalManyToManyField(
        "cms.LocationPage",
        blank=True,
        related_name="services_by_appointment",
        verbose_name=_("op afspraak bij"),
    )
    by_phone = models.BooleanField(_("ook telefonisch te regelen"), default=False)
    service_kind = models.CharField(
        _("soort dienst"),
        max_length=20,
        choices=ServiceKind.choices,
        default=ServiceKind.REQUEST,
        help_text=_("Bepaalt wat er onder ‘Hoe lang duurt het?’ staat."),
    )
    delivery_time = models.CharField(
        _("levertijd"),
        max_length=200,
        blank=True,
        help_text=_(
            "Alleen bij ‘op afspraak’. Bijvoorbeeld: U kunt uw paspoort na 5 werkdagen ophalen."
        ),
    )
    keywords = models.CharField(
        _("zoekwoorden"),
        max_length=300,
        blank=True,
        help_text=_(
            "Andere woorden die inwoners gebruiken, bijvoorbeeld ‘ID-bewijs’ of ‘grofvuil’."
        ),
    )
    internal_notes = RichTextField(
        _("kennis voor medewerkers"),
        features=["h3", "bold", "link", "ol", "ul"],
        blank=True,
        help_text=_(
            "Belscripts, uitzonderingen, werkinstructies. Alleen zichtbaar voor ingelogde "
            "medewerkers, nooit voor inwoners."
        ),
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("keywords", boost=3),
        index.SearchField("what"),
        index.SearchField("conditions"),
        index.SearchField("costs"),
        index.SearchField("needed"),
        index.SearchField("how"),
    ]

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("what"),
        FieldPanel("conditions"),
        FieldPanel("costs"),
        FieldPanel("needed"),
        MultiFieldPanel(
            [
                PageChooserPanel("form_page", "forms_app.FormPage"),
                FieldPanel("appointment_locations"),
                FieldPanel("by_phone"),
                FieldPanel("how"),
                FieldPanel("service_kind"),
                FieldPanel("case_type"),
                FieldPanel("delivery_time"),
            ],
            heading=_("Hoe regelt u het?"),
        ),
        InlinePanel("related", label=_("Zie ook"), max_num=6),
        FieldPanel("internal_notes", classname="internal-notes"),
        ReadabilityPanel(),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("keywords")]
    settings_panels = Page.settings_panels + BasePage.ownership_panels

    parent_page_types = ["cms.ServiceIndexPage", "cms.HomePage"]
    subpage_types = ["forms_app.FormPage"]

    class Meta:
        verbose_name = _("product of dienst")
        verbose_name_plural = _("producten en diensten")

    @property
    def answer_time(self) -> str:
        """ "5 werkdagen", from the case type: the same norm the case's clock will use."""
        case_type = self.case_type or (self.form_page.case_type if self.form_page else None)
        return str(case_type.norm) if case_type else ""

    def structured_data(self, request) -> dict:
        """schema.org GovernmentService, for search engines."""
        municipality = MunicipalitySettings.for_request(request)
        data = {
            "@context": "https://schema.org",
            "@type": "GovernmentService",
            "name": self.title,
            "description": self.summary,
            "url": self.get_full_url(request),
            "serviceType": self.title,
            "provider": {
                "@type": "GovernmentOrganization",
                "name": municipality.name,
                "telephone": municipality.phone_international,
            },
            "areaServed": {"@type": "AdministrativeArea", "name": "Het Hogeland"},
        }
        if self.form_page_id and self.form_page.live:
            data["availableChannel"] = {
                "@type": "ServiceChannel",
                "serviceUrl": self.form_page.get_full_url(request),
            }
        return data

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["structured_data"] = self.structured_data(request)
        context["related_services"] = (
            public(ServicePage.objects.live())
            .filter(pk__in=self.related.values_list("page_id", flat=True))
            .order_by("title")
        )
        # A preview renders a revision, whose relations are in-memory lists (modelcluster's
        # FakeQuerySet) without live() or public(): filter the pages by their ids instead.
        context["locations"] = (
            public(LocationPage.objects.live())
            .filter(pk__in=self.appointment_locations.values_list("id", flat=True))
            .order_by("title")
        )
        return context

import copy
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.documents import get_document_model_string
from wagtail.models import Orderable, Site

from cms.memo import GenerationMemo

# Per process: the settings each page shows, read once per publish generation (saving them
# starts a new one, cms.signals). {site pk: instance}
_for_request_memo = GenerationMemo(max_entries=20)


@register_setting(icon="site")
class MunicipalitySettings(ClusterableModel, BaseSiteSetting):
    """The municipality's own details, typed once and used by every page, e-mail and form."""

    name = models.CharField(_("naam"), max_length=120, default="Gemeente Het Hogeland")
    logo = models.ForeignKey(
        get_document_model_string(),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("logo (SVG)"),
        help_text=_("Een SVG-bestand. Leeg: de naam staat als tekst in de kop."),
    )
    phone = models.CharField(
        _("telefoonnummer"),
        max_length=30,
        default="0595 44 77 77",
        help_text=_("Zoals inwoners het lezen, bijvoorbeeld 0595 44 77 77."),
    )
    phone_hours = models.CharField(
        _("telefonisch bereikbaar"),
        max_length=120,
        blank=True,
        default="maandag tot en met vrijdag van 8.30 tot 17.00 uur",
    )
    email = models.EmailField(_("e-mailadres"), default="info@hethogeland.nl")
    postal_address = models.TextField(
        _("postadres"),
        blank=True,
        help_text=_("Elke regel van het adres op een eigen regel."),
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("toegankelijkheidsverklaring"),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("privacyverklaring"),
    )
    cookie_page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cookieverklaring"),
    )
    sitemap_page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("overzicht van de website (sitemap)"),
    )
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact en openingstijden"),
    )

    select_related = ["logo"]

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("logo")],
            heading=_("Naam en logo"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("phone"),
                FieldPanel("phone_hours"),
                FieldPanel("email"),
                FieldPanel("postal_address"),
            ],
            heading=_("Contact"),
        ),
        InlinePanel("social_links", label=_("Sociale media")),
        MultiFieldPanel(
            [
                PageChooserPanel("contact_page"),
                PageChooserPanel("accessibility_page"),
                PageChooserPanel("privacy_page"),
                PageChooserPanel("cookie_page"),
                PageChooserPanel("sitemap_page"),
            ],
            heading=_("Pagina's in de voettekst"),
        ),
    ]

    class Meta:
        verbose_name = _("gemeentegegevens")
        verbose_name_plural = _("gemeentegegevens")

    @classmethod
    def for_request(cls, request):
        """For the pages (header, footer, privacy line): without a query on every request.
        Editing in the admin goes through ``for_site``, always from the database."""
        attr_name = cls.get_cache_attr_name()
        if hasattr(request, attr_name):
            return getattr(request, attr_name)
        site = Site.find_for_request(request)
        if site is None:
            return super().for_request(request)

        def load():
            instance, _created = (
                cls.base_queryset().select_related("privacy_page").get_or_create(site=site)
            )
            # The URLs made from it (privacy_url), shared by the copies below.
            instance._page_urls = {}
            return instance

        # A copy per request: Wagtail keeps the request on it.
        site_settings = copy.copy(_for_request_memo.get(site.pk, load))
        site_settings._request = request
        setattr(request, attr_name, site_settings)
        return site_settings

    def clean(self):
        super().clean()
        if self.logo_id and self.logo.file_extension.lower() != "svg":
            raise ValidationError({"logo": _("Kies een logo in SVG-formaat.")})

    @property
    def privacy_url(self) -> str:
        """The live privacy statement's URL for this request's site, or "": worked out once per
        site and publish generation when the settings came from ``for_request``."""
        urls = getattr(self, "_page_urls", None)
        url = urls.get("privacy") if urls is not None else None
        if url is None:
            page, url = self.privacy_page, ""
            if page is not None and page.live:
                # A page outside every site has no URL: then no link.
                url = page.get_url(request=getattr(self, "_request", None)) or ""
            if urls is not None:
                urls["privacy"] = url
        return url

    @property
    def phone_uri(self) -> str:
        """tel:+31595447777, so a phone dials it from anywhere."""
        digits = re.sub(r"[^\d+]", "", self.phone)
        if digits.startswith("0") and not digits.startswith("00"):
            digits = "+31" + digits[1:]
        return f"tel:{digits}"

    @property
    def phone_international(self) -> str:
        """+31595447777, for schema.org."""
        return self.phone_uri.removeprefix("tel:")


class SocialLink(Orderable):
    settings = ParentalKey(
        MunicipalitySettings, on_delete=models.CASCADE, related_name="social_links"
    )
    name = models.CharField(_("naam"), max_length=40, help_text=_("Bijvoorbeeld Facebook."))
    url = models.URLField(_("webadres"))

    panels = [FieldPanel("name"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("sociale media")

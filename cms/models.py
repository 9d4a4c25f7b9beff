from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


class HomePage(Page):
    intro = models.CharField(_("inleiding"), max_length=300, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.ServicePage", "forms_app.FormPage"]

    class Meta:
        verbose_name = _("startpagina")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["services"] = ServicePage.objects.child_of(self).live().specific()
        return context


class ServicePage(Page):
    """A product or service ("toptaak"): what it is and how to arrange it."""

    summary = models.CharField(
        _("samenvatting"),
        max_length=300,
        help_text=_("Eén of twee zinnen in eenvoudige taal. Verschijnt in zoekresultaten."),
    )
    body = RichTextField(_("inhoud"), features=RICH_TEXT_FEATURES, blank=True)
    form_page = models.ForeignKey(
        "forms_app.FormPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("online regelen via"),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        PageChooserPanel("form_page", "forms_app.FormPage"),
    ]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["forms_app.FormPage"]

    class Meta:
        verbose_name = _("dienst")
        verbose_name_plural = _("diensten")

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.models import Orderable, Page

from cms.models.mixins import BasePage
from cms.models.routing import ShortRouteMixin


class HomePageTopTask(Orderable):
    home = ParentalKey("cms.HomePage", on_delete=models.CASCADE, related_name="top_tasks")
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("pagina")
    )

    panels = [PageChooserPanel("page", ["cms.ServicePage", "cms.ContentPage"])]


class HomePage(ShortRouteMixin, BasePage, Page):
    intro = models.CharField(_("inleiding"), max_length=300, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel("top_tasks", label=_("Toptaken"), max_num=9),
    ]
    settings_panels = Page.settings_panels + BasePage.ownership_panels

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.ServiceIndexPage",
        "cms.ServicePage",
        "cms.ContentPage",
        "cms.NewsIndexPage",
        "cms.LocationPage",
        "forms_app.FormPage",
        "cms.ContactPage",
        "cms.AccessibilityStatementPage",
        "cms.PrivacyStatementPage",
        "cms.CookieStatementPage",
        "cms.SitemapPage",
    ]

    class Meta:
        verbose_name = _("startpagina")

    def get_context(self, request, *args, **kwargs):
        from cms.models.news import NewsPage

        context = super().get_context(request, *args, **kwargs)
        ids = list(self.top_tasks.values_list("page_id", flat=True))
        pages = Page.objects.live().public().filter(pk__in=ids).specific().in_bulk()
        context["top_tasks"] = [pages[pk] for pk in ids if pk in pages]
        context["latest_news"] = NewsPage.objects.live().public().order_by("-date", "-pk")[:3]
        return context

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BODY_FEATURES
from cms.constants import NewsTopic
from cms.models.mixins import BasePage
from cms.readability import ReadabilityPanel
from contacts.constants import Village

NEWS_PER_PAGE = 10


class NewsIndexPage(BasePage, Page):
    intro = models.CharField(_("inleiding"), max_length=300, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    settings_panels = Page.settings_panels + BasePage.ownership_panels
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = _("nieuwsoverzicht")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        topic = request.GET.get("onderwerp", "")
        village = request.GET.get("kern", "")
        news = NewsPage.objects.child_of(self).live().public().order_by("-date", "-pk")
        # Unknown filter values are ignored rather than answered with an error page.
        if topic in NewsTopic.values:
            news = news.filter(topic=topic)
        else:
            topic = ""
        if village in Village.values:
            news = news.filter(village=village)
        else:
            village = ""
        paginator = Paginator(news, NEWS_PER_PAGE)
        try:
            items = paginator.page(request.GET.get("pagina", 1))
        except PageNotAnInteger:
            items = paginator.page(1)
        except EmptyPage:
            items = paginator.page(paginator.num_pages)
        context.update(
            news=items,
            topics=NewsTopic.choices,
            villages=Village.choices,
            selected_topic=topic,
            selected_village=village,
        )
        return context


class NewsPage(BasePage, Page):
    date = models.DateField(_("datum"), default=timezone.localdate)
    summary = models.CharField(_("samenvatting"), max_length=300)
    topic = models.CharField(_("onderwerp"), max_length=20, choices=NewsTopic.choices)
    village = models.CharField(
        _("kern"),
        max_length=20,
        choices=Village.choices,
        blank=True,
        help_text=_("Leeg: hele gemeente."),
    )
    body = RichTextField(_("tekst"), features=BODY_FEATURES)

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("topic"),
        FieldPanel("village"),
        FieldPanel("body"),
        ReadabilityPanel(),
    ]
    settings_panels = Page.settings_panels + BasePage.ownership_panels
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("nieuwsbericht")
        verbose_name_plural = _("nieuwsberichten")

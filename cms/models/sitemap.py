from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from cms.models.mixins import BasePage


@dataclass
class SitemapNode:
    page: Page
    children: list["SitemapNode"] = field(default_factory=list)


class SitemapPage(BasePage, Page):
    """A human-readable overview of the website: every live public page, by section."""

    summary = models.CharField(_("samenvatting"), max_length=300, blank=True)

    content_panels = Page.content_panels + [FieldPanel("summary")]
    settings_panels = Page.settings_panels + BasePage.ownership_panels
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("overzicht van de website (sitemap)")

    def sections(self, site_root: Page) -> list[SitemapNode]:
        """The tree below the home page, built from one query."""
        pages = (
            site_root.get_descendants()
            .live()
            .public()
            .exclude(pk=self.pk)
            .only("title", "url_path", "path", "depth")
            .order_by("path")
        )
        nodes: dict[str, SitemapNode] = {}
        sections: list[SitemapNode] = []
        step = Page.steplen
        for page in pages:
            node = SitemapNode(page)
            nodes[page.path] = node
            parent = nodes.get(page.path[:-step])
            if parent is not None:
                parent.children.append(node)
            elif page.depth == site_root.depth + 1:
                sections.append(node)
        return sections

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        site = self.get_site()
        root = site.root_page if site is not None else self.get_parent()
        context["sections"] = self.sections(root)
        return context

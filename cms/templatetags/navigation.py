from django import template
from django.core.cache import cache
from wagtail.models import Page, Site

from cms.middleware.cache import current_generation
from cms.models.routing import public

register = template.Library()

MENU_KEY = "cms:menu:{generation}:{site}"


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Top-level pages that editors put in the menu, cached until the next publish."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    key = MENU_KEY.format(generation=current_generation(), site=site.pk)
    pages = cache.get(key)
    if pages is None:
        pages = list(
            public(site.root_page.get_children().live().in_menu()).only(
                "title", "url_path", "path", "depth"
            )
        )
        cache.set(key, pages, 24 * 60 * 60)
    return pages


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page):
    """Ancestors below the root, for the breadcrumb trail.

    The route to the page loaded them already (cms.models.routing); otherwise one query.
    """
    if not isinstance(page, Page) or page.depth <= 2:
        return []
    request = context.get("request")
    if getattr(request, "page_ancestors_of", None) == page.pk:
        return [ancestor for ancestor in request.page_ancestors if ancestor.depth > 1]
    return page.get_ancestors().filter(depth__gt=1).only("title", "url_path", "path", "depth")

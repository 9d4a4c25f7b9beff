from typing import NamedTuple

from django import template
from django.core.cache import cache
from django.urls import get_script_prefix
from wagtail.models import Page, Site

from cms.memo import GenerationMemo
from cms.middleware.cache import current_generation
from cms.models.routing import public

register = template.Library()

MENU_KEY = "cms:menu:v2:{generation}:{site}"


class MenuItem(NamedTuple):
    pk: int
    title: str
    url: str


# This process's menus for one publish generation, {site pk: items}: a page in a form then
# needs no cache round trip for its menu.
_memo = GenerationMemo(max_entries=20)


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Top-level pages that editors put in the menu, kept until the next publish."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []

    def load():
        pages = public(site.root_page.get_children().live().in_menu()).only(
            "title", "url_path", "path", "depth"
        )
        # The URLs too: the same for every request to this site until the next publish.
        return [MenuItem(page.pk, page.title, page.get_url(request)) for page in pages]

    key = MENU_KEY.format(generation=current_generation(), site=site.pk)
    return _memo.get(site.pk, lambda: cache.get_or_set(key, load, 24 * 60 * 60))


class Crumb(NamedTuple):
    title: str
    url: str
    depth: int


# A page's URLs per publish generation,
# {(site pk, page pk, url path, script prefix): (page URL, full URL)}:
# they change only with a publish, a move or a site's settings, which all start a new one.
# The URL path is in the key, so a preview of a moved or renamed draft works out its own.
_urls_memo = GenerationMemo(max_entries=5000)


def _urls(request, page) -> tuple[str | None, str | None]:
    if page.pk is None:  # a preview of a page not saved yet
        return page.get_url(request), page.get_full_url(request)
    site = Site.find_for_request(request) if request is not None else None
    return _urls_memo.get(
        (site.pk if site else None, page.pk, page.url_path, get_script_prefix()),
        lambda: (page.get_url(request), page.get_full_url(request)),
    )


@register.simple_tag(takes_context=True)
def canonical_url(context, page):
    """``page.full_url``, kept until the next publish: every page names itself in its head."""
    if not isinstance(page, Page):
        return None
    return _urls(context.get("request"), page)[1]


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page):
    """Ancestors below the root with their URLs, for the breadcrumb trail.

    The route to the page loaded them already (cms.models.routing); otherwise one query.
    """
    if not isinstance(page, Page) or page.depth <= 2:
        return []
    request = context.get("request")
    if getattr(request, "page_ancestors_of", None) == page.pk:
        ancestors = [ancestor for ancestor in request.page_ancestors if ancestor.depth > 1]
    else:
        ancestors = (
            page.get_ancestors().filter(depth__gt=1).only("title", "url_path", "path", "depth")
        )
    return [
        Crumb(ancestor.title, _urls(request, ancestor)[0], ancestor.depth) for ancestor in ancestors
    ]

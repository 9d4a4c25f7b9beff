from django import template
from wagtail.models import Page, Site

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Top-level pages that editors put in the menu (one query)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    return (
        site.root_page.get_children()
        .live()
        .public()
        .in_menu()
        .only("title", "url_path", "path", "depth")
    )


@register.simple_tag
def breadcrumbs(page):
    """Ancestors below the root, for the breadcrumb trail (one query)."""
    if not isinstance(page, Page) or page.depth <= 2:
        return []
    return page.get_ancestors().filter(depth__gt=1).only("title", "url_path", "path", "depth")

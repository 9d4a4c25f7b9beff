"""The site header and footer: the same for every anonymous visitor, so rendered once per
publish (the footer also per day)."""

import datetime as dt
import json
import time

from django import template
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Page, Site

from cms.memo import GenerationMemo
from cms.middleware.cache import current_generation
from cms.models import LocationPage, MunicipalitySettings
from cms.templatetags.navigation import main_menu

register = template.Library()

LEGAL_LINKS = [
    ("accessibility_page", "Toegankelijkheid"),
    ("privacy_page", "Privacy"),
    ("cookie_page", "Cookies"),
    ("sitemap_page", "Overzicht van de website"),
]
# The fallback text names the day it was made for: keep it at most until midnight.
MAX_SECONDS = 3600


def _seconds_until_midnight(now: dt.datetime) -> int:
    local = timezone.localtime(now)
    tomorrow = local.date() + dt.timedelta(days=1)
    midnight = timezone.make_aware(dt.datetime.combine(tomorrow, dt.time()))
    return max(1, int((midnight - local).total_seconds()))


def _office_days(office: LocationPage, today: dt.date) -> str:
    """Opening periods per date as JSON, for the script that picks today on a cached page."""
    return json.dumps(
        {
            day.isoformat(): [[f"{opens:%H:%M}", f"{closes:%H:%M}"] for opens, closes in periods]
            for day, periods in office.days_from(today, 8)
        }
    )


class _SiteRequest(HttpRequest):
    """A request that knows the site and the scheme, nothing else."""

    def __init__(self, scheme: str):
        super().__init__()
        self._scheme = scheme

    def _get_scheme(self):
        return self._scheme


def site_only(request: HttpRequest) -> HttpRequest:
    """A request for the same site with nothing of the visitor (no login, session, cookies,
    query, nor the Host header they sent): what a copy shared with every visitor is made
    from, so a template change that reads the visitor cannot put one visitor's data, or a
    host they made up, in everyone's page."""
    site = Site.find_for_request(request)
    shared = _SiteRequest(request.scheme)
    if site is not None:
        standard = site.port in (80, 443)
        shared.META = {
            "HTTP_HOST": site.hostname if standard else f"{site.hostname}:{site.port}",
            "SERVER_NAME": site.hostname,
            "SERVER_PORT": str(site.port),
        }
    shared.path = shared.path_info = "/"
    shared.user = AnonymousUser()
    shared._wagtail_site = site
    root_paths = getattr(request, "_wagtail_cached_site_root_paths", None)
    if root_paths is not None:
        shared._wagtail_cached_site_root_paths = root_paths
    return shared


def footer_context(request, site: Site | None) -> dict:
    municipality = MunicipalitySettings.for_request(request) if site else MunicipalitySettings()
    today = timezone.localdate()
    page_ids = {name: getattr(municipality, f"{name}_id") for name, _label in LEGAL_LINKS}
    page_ids["contact_page"] = municipality.contact_page_id
    pages = Page.objects.live().public().in_bulk([pk for pk in page_ids.values() if pk])
    offices = (
        LocationPage.objects.live()
        .public()
        .filter(show_in_footer=True)
        .prefetch_related("hours", "exceptions")
        .order_by("path")
    )
    return {
        "municipality": municipality,
        "social_links": list(municipality.social_links.all()) if municipality.pk else [],
        "legal_links": [
            (pages[page_ids[name]], label) for name, label in LEGAL_LINKS if page_ids[name] in pages
        ],
        "contact_page": pages.get(page_ids["contact_page"]),
        "today": today,
        "offices": [
            (office, office.hours_on(today), _office_days(office, today)) for office in offices
        ],
    }


FOOTER_KEY = "cms:footer:v2:{generation}:{site}:{day}"
# This process's footers, {site pk: (day, html, expires at)}: a page in a form then needs no
# cache round trip for it.
_memo = GenerationMemo(max_entries=20)


@register.simple_tag(takes_context=True)
def site_footer(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    today = timezone.localdate()
    site_pk = site.pk if site else 0

    kept = _memo.lookup(site_pk)
    if kept is not None and kept[0] == today and time.time() < kept[2]:
        return mark_safe(kept[1])  # noqa: S308 (our own template's output)
    # (html, expires at): a copy taken from the shared cache keeps the lifetime it was made with,
    # at most until midnight (MAX_SECONDS).
    key = FOOTER_KEY.format(generation=current_generation(), site=site_pk, day=today)
    stored = cache.get(key)
    if stored is None:
        # No context processors and a request without the visitor: nothing of this visitor
        # may end up in the shared copy.
        shared = site_only(request) if request is not None else None
        html = render_to_string(
            "includes/footer.html", {**footer_context(shared, site), "request": shared}
        )
        timeout = min(MAX_SECONDS, _seconds_until_midnight(timezone.now()))
        stored = (html, time.time() + timeout)
        cache.set(key, stored, timeout)
    _memo.store(site_pk, (today, *stored))
    return mark_safe(stored[0])  # noqa: S308 (our own template's output)


HEADER_TEMPLATE = "includes/header.html"
# This process's headers, {(site pk, language, current menu item pk): html}.
_header_memo = GenerationMemo(max_entries=200)


@register.simple_tag(takes_context=True)
def site_header(context):
    """The header: logo, search box, "Mijn Hogeland" and the main menu.

    Without a resident logged in and without a search query it is the same for everyone on
    a site until the next publish, apart from which menu item is the current page: that copy
    is made once per process from what an anonymous visitor sees (nothing else of the request
    is passed to it). A resident's header (their name and the logout form with its CSRF token)
    and the search page's (the query in the box) are made per request.
    """
    request = context.get("request")
    if context.get("portal_resident") or context.get("search_query") or request is None:
        return _render_header(context)
    site = Site.find_for_request(request)
    if site is None:
        return _render_header(context)
    page_pk = getattr(context.get("page"), "pk", None)
    current = page_pk if any(item.pk == page_pk for item in main_menu(context)) else None

    def render():
        # No context processors and a request without the visitor: only the site's settings
        # and which menu item is current; the visitor's login, session and CSRF token never
        # reach the copy.
        shared = site_only(request)
        return render_to_string(
            HEADER_TEMPLATE,
            {
                "request": shared,
                "settings": {
                    "cms": {"MunicipalitySettings": MunicipalitySettings.for_request(shared)}
                },
                "page": {"pk": current},
                "search_query": "",
            },
        )

    html = _header_memo.get((site.pk, get_language(), current), render)
    return mark_safe(html)  # noqa: S308 (our own template's output)


def _render_header(context):
    return mark_safe(  # noqa: S308 (our own template's output, escaped as it is made)
        context.template.engine.get_template(HEADER_TEMPLATE).render(context)
    )


@register.filter(expects_localtime=True)
def relative_day(moment: dt.datetime, today: dt.date) -> str:
    """ "vandaag", "morgen" or "maandag 30 november", for "weer open …"."""
    day = moment.date()
    if day == today:
        return "vandaag"
    if day == today + dt.timedelta(days=1):
        return "morgen"
    return date_format(day, "l j F")

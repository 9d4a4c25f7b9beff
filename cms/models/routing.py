"""A short route to a page, and view restrictions read once per publish.

Wagtail finds a page by walking the tree, two queries per level, and checks view restrictions
with two more. Here the page is found by its URL path in one query (which also loads the
ancestors the breadcrumbs need) plus one for the page itself, and the restrictions of the
whole site come from the cache, refreshed with every publish (the page cache generation).
Within one generation each process keeps the site and the page found for a path, so a
repeated request (a form's next step) is routed without a query. A page type can name the
forward relations its pages show on every request in ``route_select_related`` (a form's case
type): they are loaded with the page and kept with it, so a model named there must start a
new generation when it is saved (cms.signals does for cases.CaseType).
"""

# Only our own objects, pickled in this process, are ever unpickled here.
import pickle  # nosec B403
from functools import lru_cache

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import Http404
from django.http.request import split_domain_port
from django.urls import Resolver404, get_urlconf, resolve
from wagtail import hooks
from wagtail.models import Page, PageViewRestriction, Site

from cms.memo import GenerationMemo
from cms.middleware.cache import current_generation

RESTRICTIONS_KEY = "cms:restrictions:{generation}"
# One copy per process: the list is small and changes only with a publish.
_restrictions_memo = GenerationMemo(max_entries=1)


def _load_restrictions() -> list[PageViewRestriction]:
    return list(
        PageViewRestriction.objects.select_related("page").only(
            "restriction_type", "password", "page__path"
        )
    )


def site_restrictions() -> list[PageViewRestriction]:
    """Every view restriction, with the path of its page, as of the current generation."""
    return _restrictions_memo.get(
        "all",
        lambda: cache.get_or_set(
            RESTRICTIONS_KEY.format(generation=current_generation()),
            _load_restrictions,
            24 * 60 * 60,
        ),
    )


def private_q() -> Q:
    """Pages in a restricted section, like Wagtail's ``private_q`` but without a query."""
    q = Q()
    for restriction in site_restrictions():
        q |= Q(path__startswith=restriction.page.path)
    return q if q else Q(pk__in=[])


def public(queryset):
    """``queryset.public()`` without the query for the restrictions."""
    return queryset.exclude(private_q())


class CachedViewRestrictionsMixin:
    def get_view_restrictions(self):
        if self.alias_of_id:
            # An alias follows the restrictions of its source page: Wagtail resolves that.
            return super().get_view_restrictions()
        return [r for r in site_restrictions() if self.path.startswith(r.page.path)]


@hooks.register("view_restrictions_for_page")
def view_restrictions_for_page(page):
    """For page types outside cms (a form), which may not import it."""
    if page.alias_of_id:
        return Page.get_view_restrictions(page)
    return [r for r in site_restrictions() if page.path.startswith(r.page.path)]


# Per process, per publish generation: the site for a host and the page for a URL path, kept
# pickled so every request gets a copy of its own. Only published content is read from them,
# and that changes only with a new generation; a page saved in this process clears them too.
# The Host header and the path are the visitor's: a limited number of each is kept.
# {(hostname, port): (pickled site, root paths)}
_sites_memo = GenerationMemo(max_entries=20)
# {(root pk, path): (pickled page, ancestors, whether it has routes of its own)}
_routes_memo = GenerationMemo(max_entries=2000)


@receiver(post_save, dispatch_uid="cms_route_memo_page_saved")
@receiver(post_delete, dispatch_uid="cms_route_memo_page_deleted")
def _forget_routes(sender, instance, **kwargs):
    if isinstance(instance, Page | Site):
        _sites_memo.clear()
        _routes_memo.clear()


def _served_by_wagtail(request) -> bool:
    return _path_served_by_wagtail(request.path_info, get_urlconf(settings.ROOT_URLCONF))


@lru_cache(maxsize=1024)
def _path_served_by_wagtail(path: str, urlconf) -> bool:
    # The URLconf does not change while it is in use: a path is resolved once here (Django
    # resolves it again for the view). Paths come from visitors: the least used are dropped.
    try:
        return resolve(path, urlconf).url_name == "wagtail_serve"
    except Resolver404:
        return False


def prime_site(request) -> None:
    """Find the request's Wagtail site (and its root page) without a query: for requests the
    page cache does not answer. Wagtail's ``Site.find_for_request`` reads what is set here."""
    if hasattr(request, "_wagtail_site") or not _served_by_wagtail(request):
        return
    try:
        # Wagtail reads the raw Host header; the memo only keeps hosts the site answers to,
        # by name (the header's port is the visitor's to invent; the port is the server's).
        key = (split_domain_port(request.get_host())[0], request.get_port())
    except DisallowedHost:
        return
    pickled = _sites_memo.lookup(key)
    if pickled is None:
        try:
            site = Site._find_for_request(request)
            if site is None:
                return
            site.root_page = site.root_page.specific
        except DatabaseError:
            # Not for this layer to answer (/health/ reports the database itself).
            return
        pickled = (pickle.dumps(site), Site.get_site_root_paths())
        _sites_memo.store(key, pickled)
    request._wagtail_site = pickle.loads(pickled[0])  # noqa: S301  # nosec B301
    # What Wagtail would read from the cache for every page URL it makes for this request.
    request._wagtail_cached_site_root_paths = pickled[1]


def _overrides_route(model) -> bool:
    return getattr(model, "route", Page.route) is not Page.route


class ShortRouteMixin:
    """For the site's root page: finds the page for a URL in two queries."""

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        for length in range(len(path_components), 0, -1):
            entry = _routes_memo.lookup((self.pk, tuple(path_components[:length])))
            # A page with routes of its own serves the longer paths below it too.
            if entry is not None and (length == len(path_components) or entry[2]):
                pickled, ancestors, _routes = entry
                page = pickle.loads(pickled)  # noqa: S301  # nosec B301
                request.page_ancestors = ancestors
                request.page_ancestors_of = page.pk
                return page.route(request, path_components[length:])
        page, ancestors, length, routes = self._find_route(path_components)
        # Kept with the page, so its URLs are made without asking the cache.
        page._wagtail_cached_site_root_paths = Site.get_site_root_paths()
        _routes_memo.store(
            (self.pk, tuple(path_components[:length])), (pickle.dumps(page), ancestors, routes)
        )
        # The breadcrumbs use these instead of asking for the ancestors again.
        request.page_ancestors = ancestors
        request.page_ancestors_of = page.pk
        return page.route(request, path_components[length:])

    def _find_route(self, path_components):
        """The page for the path, its ancestors, how much of the path it takes and whether
        it has routes of its own."""
        paths = [
            f"{self.url_path}{'/'.join(path_components[:n])}/"
            for n in range(1, len(path_components) + 1)
        ]
        # The pages on the way, shallowest first; Wagtail's own walk would visit these.
        chain = list(
            Page.objects.filter(url_path__in=paths, path__startswith=self.path)
            .order_by("depth")
            .only("title", "url_path", "path", "depth", "content_type_id", "live")
        )
        # Only an unbroken line of pages below this one is a route.
        chain = [page for n, page in enumerate(chain) if page.depth == self.depth + 1 + n]
        if not chain:
            raise Http404
        target = chain[-1]
        routes = False
        for page in chain:
            # A page with routes of its own (a form's steps) takes the rest of the URL.
            if _overrides_route(ContentType.objects.get_for_id(page.content_type_id).model_class()):
                target, routes = page, True
                break
        model = ContentType.objects.get_for_id(target.content_type_id).model_class()
        related = getattr(model, "route_select_related", ())
        # Only when named: select_related() without names would join every foreign key.
        pages = model.objects.select_related(*related) if related else model.objects
        page = pages.get(pk=target.pk)
        ancestors = [self, *chain[: chain.index(target)]]
        return page, ancestors, target.depth - self.depth, routes

"""A short route to a page, and view restrictions read once per publish.

Wagtail finds a page by walking the tree, two queries per level, and checks view restrictions
with two more. Here the page is found by its URL path in one query (which also loads the
ancestors the breadcrumbs need) plus one for the page itself, and the restrictions of the
whole site come from the cache, refreshed with every publish (the page cache generation).
"""

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Q
from django.http import Http404
from wagtail.models import Page, PageViewRestriction

from cms.middleware.cache import current_generation

RESTRICTIONS_KEY = "cms:restrictions:{generation}"
# One copy per process: the list is small and changes only with a publish.
_restrictions_memo: dict[int, list[PageViewRestriction]] = {}


def site_restrictions() -> list[PageViewRestriction]:
    """Every view restriction, with the path of its page, as of the current generation."""
    generation = current_generation()
    restrictions = _restrictions_memo.get(generation)
    if restrictions is None:
        key = RESTRICTIONS_KEY.format(generation=generation)
        restrictions = cache.get(key)
        if restrictions is None:
            restrictions = list(
                PageViewRestriction.objects.select_related("page").only(
                    "restriction_type", "password", "page__path"
                )
            )
            cache.set(key, restrictions, 24 * 60 * 60)
        _restrictions_memo.clear()
        _restrictions_memo[generation] = restrictions
    return restrictions


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


def _overrides_route(model) -> bool:
    return getattr(model, "route", Page.route) is not Page.route


class ShortRouteMixin:
    """For the site's root page: finds the page for a URL in two queries."""

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
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
        for page in chain:
            # A page with routes of its own (a form's steps) takes the rest of the URL.
            if _overrides_route(ContentType.objects.get_for_id(page.content_type_id).model_class()):
                target = page
                break
        model = ContentType.objects.get_for_id(target.content_type_id).model_class()
        page = model.objects.get(pk=target.pk)
        # The breadcrumbs use these instead of asking for the ancestors again.
        request.page_ancestors = [self, *chain[: chain.index(target)]]
        request.page_ancestors_of = page.pk
        return page.route(request, path_components[target.depth - self.depth :])

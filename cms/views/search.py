from urllib.parse import urlencode

from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from cms.search import SiteSearch, clean_query
from cms.services import search_record
from ops.ratelimits import rate_limit


# Never cached: a search served from a cache would not be counted. Counting writes nothing to
# the database (see cms.search_counts).
@never_cache
@require_safe
@rate_limit("search")
def search(request):
    query = clean_query(request.GET.get("q", ""))
    if not query:
        return render(request, "cms/search.html", {"search_query": ""})

    site_search = SiteSearch(
        query,
        type_slug=request.GET.get("type", ""),
        page_number=request.GET.get("pagina", 1),
    )
    results = site_search.results
    # Paging through results or narrowing them to one type is the same search: counted once.
    first_view = results.number == 1 and site_search.selected_type is None
    if first_view:
        search_record(query=query, found=bool(site_search.total))
    params = {"q": query}
    if site_search.selected_type:
        params["type"] = site_search.selected_type.slug
    return render(
        request,
        "cms/search.html",
        {
            "search_query": query,
            "search": site_search,
            "results": results,
            "selected_type": site_search.selected_type,
            "promotions": site_search.promotions if first_view else [],
            # Links are built from the cleaned query, never from the raw request.
            "query_params": urlencode({"q": query}),
            "page_params": urlencode(params),
            "suggestion_params": urlencode({"q": site_search.suggestion}),
        },
    )

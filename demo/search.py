"""Demo synonyms and promoted search results (see demo.content_search)."""

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

from cms.models import SearchSynonym
from demo.content_search import PROMOTIONS, SYNONYMS


def seed_search(home: Page) -> None:
    for term, equivalents in SYNONYMS:
        SearchSynonym.objects.get_or_create(term=term, defaults={"equivalents": equivalents})
    for order, (query_string, slug, description) in enumerate(PROMOTIONS):
        page = home.get_descendants().filter(slug=slug).first()
        if page is None:
            continue
        SearchPromotion.objects.get_or_create(
            query=Query.get(query_string),
            page=page,
            defaults={"description": description, "sort_order": order},
        )

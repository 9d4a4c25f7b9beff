"""Site search: clean what residents type, search live public pages, count what they look for.

Counts tell editors which words people use and where content is missing. Residents sometimes
type a BSN, phone number or e-mail address into a search box; those are replaced before
anything is stored, because a search term must never become personal data in the database.
"""

import re
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.text import capfirst
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.query import Fuzzy

from cms.models import ContentPage, LocationPage, NewsPage, ServicePage
from cms.search_query import QueryPlan, plan
from cms.search_vocabulary import current_vocabulary

MAX_QUERY_LENGTH = 200
# The column sizes of Query.query_string and SearchMiss.query_string.
MAX_STORED_LENGTH = 255
RESULTS_PER_PAGE = 10

# NUL makes PostgreSQL refuse the query; other control characters are noise.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_EMAIL = re.compile(r"\S+@\S+")
# A BSN has 9 digits, a phone number 10; written with spaces, dots or dashes in between.
_LONG_NUMBER = re.compile(r"\d(?:[\s.-]?\d){7,}")


@dataclass(frozen=True)
class ResultType:
    """A page type residents can narrow their results to, with a Dutch slug for the URL."""

    slug: str
    model: type[Page]

    @property
    def label(self) -> str:
        return capfirst(self.model._meta.verbose_name_plural)


RESULT_TYPES = (
    ResultType("diensten", ServicePage),
    ResultType("informatie", ContentPage),
    ResultType("nieuws", NewsPage),
    ResultType("locaties", LocationPage),
)
_TYPES_BY_SLUG = {result_type.slug: result_type for result_type in RESULT_TYPES}


def clean_query(raw: str) -> str:
    """What we search for and show: no control characters, single spaces, at most 200 long."""
    text = _CONTROL_CHARACTERS.sub(" ", raw)
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def normalise_query(query: str) -> str:
    """The form in which a query is counted: lower case, single spaces, no personal data."""
    text = _EMAIL.sub("[e-mail]", query)
    text = _LONG_NUMBER.sub("[nummer]", text)
    return " ".join(text.lower().split())[:MAX_STORED_LENGTH]


def result_type(slug: str) -> ResultType | None:
    return _TYPES_BY_SLUG.get(slug)


@dataclass
class TypeCount:
    result_type: ResultType
    count: int


@dataclass
class SearchHit:
    page: Page
    type_label: str
    summary: str

    @classmethod
    def from_page(cls, page: Page) -> "SearchHit":
        summary = getattr(page, "summary", "") or page.search_description
        return cls(page=page, type_label=capfirst(page._meta.verbose_name), summary=summary)


class Match(StrEnum):
    """How the results were found; the page says so when it was not with all words as typed."""

    ALL_WORDS = "all"
    SPELLING = "spelling"
    SOME_WORDS = "some"
    SIMILAR = "similar"


# PostgreSQL's trigram similarity gives one short list, not pages of results.
MAX_SIMILAR = RESULTS_PER_PAGE


class SiteSearch:
    """One search as a resident sees it: a page of results, counts per type and best bets.

    The number of database queries does not depend on how many results there are, nor on
    synonyms or promoted results: pages are fetched with ``specific()`` once (one query per
    page type on the results page), the words the site knows come from the cache. Only when all
    words together find nothing does it try again (spelling, any word, trigram similarity).
    """

    def __init__(self, query: str, *, type_slug: str = "", page_number=1):
        self.query = query
        self.selected_type = result_type(type_slug)
        self.page_number = page_number

    @cached_property
    def plan(self) -> QueryPlan:
        return plan(self.query, current_vocabulary())

    @cached_property
    def _visible_pages(self):
        # public() reads the view restrictions when called: once per search, not per use.
        return Page.objects.live().public()

    def _search(self, search_query, result_type: ResultType | None = None):
        pages = self._visible_pages
        if result_type is not None:
            pages = pages.type(result_type.model)
        return pages.specific().search(search_query)

    def _attempts(self):
        plan = self.plan
        yield Match.ALL_WORDS, plan.strict
        if plan.corrected is not None:
            yield Match.SPELLING, plan.corrected
        if plan.relaxed is not None:
            yield Match.SOME_WORDS, plan.relaxed

    @cached_property
    def _found(self) -> tuple[Match | None, object, dict[int, int]]:
        """The first way of searching that finds something, with its counts per page type."""
        if self.plan.strict is None:
            return None, None, {}
        for match, search_query in self._attempts():
            counts = dict(self._search(search_query).facet("content_type_id"))
            if counts:
                return match, search_query, counts
        if connection.vendor == "postgresql" and self.plan.fuzzy_text:
            similar = Fuzzy(self.plan.fuzzy_text)
            pages = list(self._search(similar)[:MAX_SIMILAR])
            if pages:
                return Match.SIMILAR, similar, dict(Counter(p.content_type_id for p in pages))
        return None, None, {}

    @property
    def match(self) -> Match | None:
        return self._found[0]

    @property
    def suggestion(self) -> str:
        """ "Bedoelde u …?": shown when the results are those of the corrected spelling."""
        return self.plan.suggestion if self.match == Match.SPELLING else ""

    @property
    def _counts_by_content_type(self) -> dict[int, int]:
        return self._found[2]

    @cached_property
    def total(self) -> int:
        """Results over all page types, also when the resident narrowed them to one type."""
        return sum(self._counts_by_content_type.values())

    @cached_property
    def type_counts(self) -> list[TypeCount]:
        content_types = ContentType.objects.get_for_models(*(t.model for t in RESULT_TYPES))
        counts = [
            TypeCount(t, self._counts_by_content_type.get(content_types[t.model].pk, 0))
            for t in RESULT_TYPES
        ]
        return [c for c in counts if c.count or c.result_type == self.selected_type]

    @cached_property
    def _selected_count(self) -> int:
        if self.selected_type is None:
            return self.total
        content_type = ContentType.objects.get_for_model(self.selected_type.model)
        return self._counts_by_content_type.get(content_type.pk, 0)

    @cached_property
    def results(self):
        """The requested page of results; a page number out of range gives the nearest page."""
        match, search_query, _counts = self._found
        if not self.total:
            pages = Page.objects.none()
        elif match == Match.SIMILAR:
            pages = list(self._search(search_query, self.selected_type)[:MAX_SIMILAR])
        else:
            pages = self._search(search_query, self.selected_type)
        # The facet query already counted the results: no second full-text query to count.
        return _CountedPaginator(pages, RESULTS_PER_PAGE, count=self._selected_count).get_page(
            self.page_number
        )

    @cached_property
    def hits(self) -> list[SearchHit]:
        return [SearchHit.from_page(page) for page in self.results]

    @cached_property
    def page_range(self):
        return self.results.paginator.get_elided_page_range(
            self.results.number, on_each_side=2, on_ends=1
        )

    @cached_property
    def promotions(self) -> list[SearchPromotion]:
        """Editors' picks for this query or its corrected spelling, without withdrawn pages."""
        queries = {normalise_query(self.query)}
        if self.plan.suggestion:
            queries.add(normalise_query(self.plan.suggestion))
        return list(
            SearchPromotion.objects.filter(query__query_string__in=queries)
            .filter(Q(page__isnull=True) | Q(page__in=self._visible_pages.values("pk")))
            .select_related("page")
            .order_by("sort_order", "pk")
        )


class _CountedPaginator(Paginator):
    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count

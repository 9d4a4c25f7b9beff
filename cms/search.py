"""Site search: clean what residents type, search live public pages, count what they look for.

Counts tell editors which words people use and where content is missing. Residents sometimes
type a BSN, phone number or e-mail address into a search box; those are replaced before
anything is stored, because a search term must never become personal data in the database.
"""

import re
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.text import capfirst
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page

from cms.models import ContentPage, LocationPage, NewsPage, ServicePage

MAX_QUERY_LENGTH = 200
# The column sizes of Query.query_string and SearchMiss.query_string.
MAX_STORED_LENGTH = 255
RESULTS_PER_PAGE = 10

# NUL makes PostgreSQL refuse the query; other control characters are noise.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Only words reach the search backend, so no input is read as full-text query syntax.
_NOT_A_WORD = re.compile(r"[^\w\s'’-]")
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


class SiteSearch:
    """One search as a resident sees it: a page of results, counts per type and best bets.

    The number of database queries does not depend on how many results there are: pages are
    fetched with ``specific()`` once (one query per page type on the results page).
    """

    def __init__(self, query: str, *, type_slug: str = "", page_number=1):
        self.query = query
        self.selected_type = result_type(type_slug)
        self.page_number = page_number

    @cached_property
    def _terms(self) -> str:
        return " ".join(_NOT_A_WORD.sub(" ", self.query).split())

    @cached_property
    def _visible_pages(self):
        # public() reads the view restrictions when called: once per search, not per use.
        return Page.objects.live().public()

    def _search(self, result_type: ResultType | None = None):
        pages = self._visible_pages
        if result_type is not None:
            pages = pages.type(result_type.model)
        return pages.specific().search(self._terms)

    @cached_property
    def _counts_by_content_type(self) -> dict[int, int]:
        if not self._terms:
            return {}
        return dict(self._search().facet("content_type_id"))

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
        pages = self._search(self.selected_type) if self.total else Page.objects.none()
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
        """Editors' picks for exactly this query, leaving out pages no longer published."""
        return list(
            SearchPromotion.objects.filter(query__query_string=normalise_query(self.query))
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

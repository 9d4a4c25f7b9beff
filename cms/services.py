"""State changes of the public website: what visitors' feedback and searches leave behind, and
the checks editors record."""

import logging

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.log_actions import log
from wagtail.models import Page

from cms.middleware.cache import purge_page_cache
from cms.models import PageFeedback, SearchMiss
from cms.review import review_without_changes
from cms.search import normalise_query
from cms.search_counts import SearchCount, counts_store, give_back

logger = logging.getLogger(__name__)


@transaction.atomic
def feedback_record(*, page: Page, helpful: bool, comment: str = "") -> PageFeedback:
    """Store one reaction; the model keeps only the date, never who or at what time."""
    return PageFeedback.objects.create(page=page, helpful=helpful, comment=comment)


def search_record(*, query: str, found: bool) -> None:
    """Count a search for the popular-queries report and, if it found nothing, as a miss.

    No database write: the count waits outside the database (cms.search_counts) until
    ``search_counts_flush`` moves it into the reports.
    """
    normalised = normalise_query(query)
    if not normalised:
        return
    try:
        counts_store().add(normalised, timezone.localdate(), found)
    except Exception:  # noqa: BLE001 - a count is not worth a failed search (Redis down)
        logger.warning("Search count not recorded: the count store is unavailable")


def search_counts_flush() -> int:
    """Move the waiting search counts into the reports; returns the number of searches."""
    store = counts_store()
    counts = store.take()
    try:
        search_counts_save(counts=counts)
    except Exception:
        give_back(store, counts)
        raise
    return sum(count.hits for count in counts)


@transaction.atomic
def search_counts_save(*, counts: list[SearchCount]) -> None:
    """Add counted searches to "Populaire zoekvragen" and, without results, to the misses.

    Counters are incremented in the database (``F()``), so two flushes at once both count.
    """
    for count in counts:
        query = Query.get(count.query_string)
        _daily_hits_add(QueryDailyHits, {"query": query, "date": count.date}, count.hits)
        if not count.found:
            _daily_hits_add(
                SearchMiss, {"query_string": count.query_string, "date": count.date}, count.hits
            )


def _daily_hits_add(model, key: dict, hits: int) -> None:
    rows = model.objects.filter(**key)
    if rows.update(hits=F("hits") + hits):
        return
    try:
        with transaction.atomic():
            model.objects.create(**key, hits=hits)
    except IntegrityError:
        # Another flush created the row between our update and insert.
        rows.update(hits=F("hits") + hits)


@transaction.atomic
def page_review_record(*, page: Page, user) -> None:
    """Record "Gecontroleerd, geen wijzigingen": the page is checked today, nothing is published.

    The public page shows "Laatst gecontroleerd op", so cached copies go.
    """
    review_without_changes(page)
    log(instance=page, action="cms.page_reviewed", user=user)
    purge_page_cache()

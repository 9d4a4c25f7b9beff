"""State changes of the public website: what visitors' feedback and searches leave behind."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page

from cms.models import PageFeedback, SearchMiss
from cms.search import normalise_query


@transaction.atomic
def feedback_record(*, page: Page, helpful: bool, comment: str = "") -> PageFeedback:
    """Store one reaction; the model keeps only the date, never who or at what time."""
    return PageFeedback.objects.create(page=page, helpful=helpful, comment=comment)


def search_record(*, query: str, found: bool) -> None:
    """Count a search for the popular-queries report and, if it found nothing, per day as a miss.

    Both counters are incremented in the database (``F()``), so simultaneous searches for the
    same words are all counted.
    """
    normalised = normalise_query(query)
    if not normalised:
        return
    today = timezone.localdate()
    Query.get(normalised).add_hit(date=today)
    if not found:
        _search_miss_add(normalised, today)


def _search_miss_add(query_string: str, day) -> None:
    misses = SearchMiss.objects.filter(query_string=query_string, date=day)
    if misses.update(hits=F("hits") + 1):
        return
    try:
        with transaction.atomic():
            SearchMiss.objects.create(query_string=query_string, date=day, hits=1)
    except IntegrityError:
        # Another request created today's row between our update and insert.
        misses.update(hits=F("hits") + 1)

"""A search request: a fixed number of queries, and no database write (counts wait outside)."""

import datetime as dt
import io

import pytest
import redis
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion

from cms.models import SearchMiss, SearchSynonym
from cms.search_counts import RedisCounts, SearchCount, SpoolCounts, give_back
from tests.cms.factories import ServicePageFactory, make_home
from tests.contacts.factories import UserFactory

URL = "/zoeken/"
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


@pytest.fixture
def home():
    return make_home()


def queries_of(client, params) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL, params)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.django_db
def test_a_search_request_writes_nothing_to_the_database(client, home):
    ServicePageFactory(parent=home, title="Paspoort aanvragen")
    client.get(URL, {"q": "paspoort"})

    found = queries_of(client, {"q": "paspoort"})
    missed = queries_of(client, {"q": "hondenuitlaatplaats"})

    writes = [sql for sql in found + missed if sql.lstrip().upper().startswith(WRITES)]
    assert writes == []
    assert not SearchMiss.objects.exists()
    assert not QueryDailyHits.objects.exists()


@pytest.mark.django_db
def test_the_reports_show_the_counts_after_the_scheduled_flush(client, home):
    ServicePageFactory(parent=home, title="Paspoort aanvragen")
    for query in ["paspoort", "Paspoort", "hondenuitlaatplaats", "hondenuitlaatplaats"]:
        client.get(URL, {"q": query})

    # The command enqueues a task; in tests (and development) tasks run at once.
    call_command("flush_search_counts", stdout=io.StringIO())

    editor = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(editor)
    misses = client.get("/admin/zoekvragen/zonder-resultaat/").content.decode()
    popular = client.get("/admin/zoekvragen/populair/").content.decode()
    assert "hondenuitlaatplaats" in misses
    assert SearchMiss.objects.get().hits == 2
    assert Query.objects.get(query_string="paspoort").hits == 2
    assert "paspoort" in popular
    # A second flush finds nothing new and changes nothing.
    call_command("flush_search_counts", stdout=io.StringIO())
    assert SearchMiss.objects.get().hits == 2


@pytest.mark.django_db
def test_the_number_of_queries_is_the_same_for_one_or_many_results_synonyms_and_picks(client, home):
    paspoort = ServicePageFactory(parent=home, title="Paspoort aanvragen")
    for number in range(6):
        ServicePageFactory(parent=home, title=f"Subsidie {number}")
    # Warm up: the first request stores the site settings (which starts a new publish
    # generation), the next builds the vocabulary of that generation.
    client.get(URL, {"q": "paspoort"})
    client.get(URL, {"q": "paspoort"})

    one = queries_of(client, {"q": "paspoort"})
    many = queries_of(client, {"q": "subsidie"})

    SearchSynonym.objects.create(term="reisdocument", equivalents="paspoort")
    SearchPromotion.objects.create(query=Query.get("subsidie"), page=paspoort, sort_order=0)
    client.get(URL, {"q": "reisdocument"})  # the synonyms changed: read once
    with_synonym = queries_of(client, {"q": "reisdocument"})
    with_pick = queries_of(client, {"q": "subsidie"})

    assert len(one) == len(many) == len(with_synonym) == len(with_pick)
    # The goal for every public page: at most 10 queries.
    assert len(one) <= 10


@pytest.mark.django_db
def test_counts_in_the_spool_file_are_taken_once_and_can_be_given_back(tmp_path):
    spool = SpoolCounts(tmp_path / "counts")
    today = timezone.localdate()
    spool.add("paspoort", today, True)
    spool.add("paspoort", today, True)
    spool.add("hondenpoep", today, False)

    taken = spool.take()
    give_back(spool, taken[:1])

    assert taken == [
        SearchCount("hondenpoep", today, False, 1),
        SearchCount("paspoort", today, True, 2),
    ]
    assert spool.take() == [SearchCount("hondenpoep", today, False, 1)]
    assert spool.take() == []


def _redis():
    # Not 14: tests/ops/test_rate_limits.py flushes that one, maybe at the same time (xdist).
    client = redis.Redis.from_url("redis://127.0.0.1:6379/11")
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    return client


def test_counts_in_redis_are_taken_once_and_keep_what_arrives_during_a_flush():
    client = _redis()
    client.delete("cms:search-counts")
    counts = RedisCounts(client)
    day = dt.date(2026, 11, 28)
    counts.add("paspoort", day, True)
    counts.add("paspoort", day, True)

    taken = counts.take()
    counts.add("grofvuil", day, False)

    assert taken == [SearchCount("paspoort", day, True, 2)]
    assert counts.take() == [SearchCount("grofvuil", day, False, 1)]
    assert counts.take() == []

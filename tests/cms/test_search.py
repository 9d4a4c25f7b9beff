import datetime as dt
import re
from unittest import mock

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.models import PageViewRestriction

from cms.models import SearchMiss
from cms.search_counts import SearchCount
from cms.services import search_counts_flush, search_counts_save
from tests.cms.factories import (
    ContentPageFactory,
    LocationPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    ServicePageFactory,
    make_home,
)

URL = "/zoeken/"


@pytest.fixture
def home():
    return make_home()


def result_titles(response) -> list[str]:
    """Titles of the ordinary results, in order, as a resident reads them."""
    html = response.content.decode()
    section = (
        html.split('id="search-results-title"', 1)[1] if "search-results-title" in html else ""
    )
    return re.findall(
        r'search-result__title"><a class="utrecht-link" href="[^"]*">([^<]*)</a>', section
    )


def hits_for(query_string: str) -> int:
    query = Query.objects.filter(query_string=query_string).first()
    return query.hits if query else 0


# The search page


@pytest.mark.django_db
def test_search_page_without_a_query_shows_an_empty_search_box(client, home):
    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Zoeken - Gemeente Het Hogeland</title>" in html
    assert '<h1 class="utrecht-heading-1">Zoeken</h1>' in html
    assert 'id="search-page-query" name="q" value=""' in html
    assert "U zocht op" not in html


@pytest.mark.django_db
def test_search_shows_title_link_summary_and_type_of_each_result(client, home):
    ServicePageFactory(
        parent=home,
        title="Paspoort aanvragen",
        slug="paspoort",
        summary="Vraag een paspoort aan bij het gemeentehuis.",
    )
    ServicePageFactory(parent=home, title="Rijbewijs verlengen", summary="Voor uw rijbewijs.")

    response = client.get(URL, {"q": "paspoort"})

    html = response.content.decode()
    assert response.status_code == 200
    assert result_titles(response) == ["Paspoort aanvragen"]
    assert '<a class="utrecht-link" href="/paspoort/">Paspoort aanvragen</a>' in html
    assert "Vraag een paspoort aan bij het gemeentehuis." in html
    assert '<p class="search-result__meta">Product of dienst</p>' in html


@pytest.mark.django_db
def test_search_pre_fills_the_search_boxes_and_names_the_query_in_title_and_heading(client, home):
    ServicePageFactory(parent=home, title="Paspoort aanvragen")

    html = client.get(URL, {"q": "  paspoort  "}).content.decode()

    assert "<title>Zoekresultaten voor ‘paspoort’ - Gemeente Het Hogeland</title>" in html
    assert '<h1 class="utrecht-heading-1">Zoekresultaten voor ‘paspoort’</h1>' in html
    assert 'id="search-page-query" name="q" value="paspoort"' in html
    assert 'id="site-search" name="q" value="paspoort"' in html
    assert "U zocht op ‘<strong>paspoort</strong>’ — 1 resultaat." in html


@pytest.mark.django_db
def test_search_finds_a_service_by_the_words_residents_use(client, home):
    ServicePageFactory(parent=home, title="Grof huishoudelijk afval", keywords="grofvuil")

    response = client.get(URL, {"q": "grofvuil"})

    assert result_titles(response) == ["Grof huishoudelijk afval"]


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="Dutch stemming needs PostgreSQL")
def test_search_on_postgresql_finds_other_forms_of_a_dutch_word(client, home):
    ServicePageFactory(parent=home, title="Vergunning aanvragen", summary="Voor een evenement.")

    response = client.get(URL, {"q": "vergunningen"})

    assert result_titles(response) == ["Vergunning aanvragen"]


@pytest.mark.django_db
def test_each_result_names_its_page_type_in_dutch(client, home):
    ServicePageFactory(parent=home, title="Parkeren Winsum", summary="Parkeren in Winsum.")
    ContentPageFactory(parent=home, title="Over Winsum", summary="Het dorp Winsum.")
    LocationPageFactory(parent=home, title="Gemeentehuis Winsum", city="Winsum")
    news_index = NewsIndexPageFactory(parent=home)
    NewsPageFactory(
        parent=news_index,
        title="Markt Winsum",
        summary="Markt in Winsum.",
        date=dt.date(2026, 3, 2),
    )

    html = client.get(URL, {"q": "winsum"}).content.decode()

    assert '<p class="search-result__meta">Product of dienst</p>' in html
    assert '<p class="search-result__meta">Informatiepagina</p>' in html
    assert '<p class="search-result__meta">Locatie</p>' in html
    assert 'Nieuwsbericht · <time datetime="2026-03-02">2 maart 2026</time>' in html


@pytest.mark.django_db
def test_search_does_not_find_drafts_private_pages_or_unpublished_changes(client, home):
    ServicePageFactory(parent=home, title="Geheimwoord concept", live=False)
    private = ContentPageFactory(parent=home, title="Geheimwoord intern")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    published = ServicePageFactory(parent=home, title="Afval", summary="Over afval.")
    published.summary = "Geheimwoord in een nieuwe versie die nog niet gepubliceerd is."
    published.save_revision()

    response = client.get(URL, {"q": "geheimwoord"})

    assert result_titles(response) == []
    assert "Geen resultaten voor ‘<strong>geheimwoord</strong>’." in response.content.decode()


@pytest.mark.django_db
def test_knowledge_for_staff_on_a_service_page_is_never_searched(client, home):
    ServicePageFactory(
        parent=home, title="Paspoort", internal_notes="<p>Belscript: vraag naar het zaaknummer.</p>"
    )

    response = client.get(URL, {"q": "belscript"})

    assert result_titles(response) == []


@pytest.mark.django_db
def test_no_results_gives_tips_and_the_phone_number(client, home):
    html = client.get(URL, {"q": "hondenuitlaatplaats"}).content.decode()

    assert (
        "<title>Zoekresultaten voor ‘hondenuitlaatplaats’ - Gemeente Het Hogeland</title>" in html
    )
    assert "Geen resultaten voor ‘<strong>hondenuitlaatplaats</strong>’." in html
    assert "Controleer de spelling." in html
    assert "Gebruik minder woorden" in html
    assert '<a class="utrecht-link" href="tel:+31595447777">0595 44 77 77</a>' in html


# Filter by type


@pytest.mark.django_db
def test_type_filter_shows_counts_and_narrows_results_without_javascript(client, home):
    ServicePageFactory(parent=home, title="Afval ophalen")
    ServicePageFactory(parent=home, title="Afval wegbrengen")
    news_index = NewsIndexPageFactory(parent=home)
    NewsPageFactory(parent=news_index, title="Afval later opgehaald")

    everything = client.get(URL, {"q": "afval"}).content.decode()
    news_only = client.get(URL, {"q": "afval", "type": "nieuws"})

    assert 'href="?q=afval" aria-current="page">Alles (3)</a>' in everything
    assert 'href="?q=afval&amp;type=diensten">Producten en diensten (2)</a>' in everything
    assert 'href="?q=afval&amp;type=nieuws">Nieuwsberichten (1)</a>' in everything
    assert "Locaties (" not in everything
    assert result_titles(news_only) == ["Afval later opgehaald"]
    html = news_only.content.decode()
    assert 'href="?q=afval&amp;type=nieuws" aria-current="page">Nieuwsberichten (1)</a>' in html
    assert "— 1 resultaat in nieuwsberichten." in html


@pytest.mark.django_db
def test_type_without_results_offers_all_results(client, home):
    ServicePageFactory(parent=home, title="Afval ophalen")

    response = client.get(URL, {"q": "afval", "type": "locaties"})

    html = response.content.decode()
    assert result_titles(response) == []
    assert "Geen locaties gevonden." in html
    assert '<a class="utrecht-link" href="?q=afval">Toon alle 1 resultaat</a>' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"type": "bestaat-niet"},
        {"type": "servicepage"},
        {"pagina": "abc"},
        {"pagina": "999"},
        {"pagina": "-1"},
        {"pagina": "1.5"},
        {"pagina": "9" * 5000},
    ],
)
def test_wrong_type_or_page_number_is_ignored(client, home, params):
    ServicePageFactory(parent=home, title="Afval ophalen")

    response = client.get(URL, {"q": "afval", **params})

    assert response.status_code == 200
    assert result_titles(response) == ["Afval ophalen"]


# Pagination


@pytest.mark.django_db
def test_results_are_shown_ten_per_page(client, home):
    for number in range(12):
        ServicePageFactory(parent=home, title=f"Subsidie {number:02d}")

    first = client.get(URL, {"q": "subsidie"})
    second = client.get(URL, {"q": "subsidie", "pagina": "2"})

    assert len(result_titles(first)) == 10
    assert len(result_titles(second)) == 2
    assert set(result_titles(first)).isdisjoint(result_titles(second))
    first_html = first.content.decode()
    assert "— 12 resultaten, pagina 1 van 2." in first_html
    assert 'rel="next" href="?q=subsidie&amp;pagina=2">Volgende</a>' in first_html
    second_html = second.content.decode()
    assert "<title>Pagina 2 - Zoekresultaten voor ‘subsidie’" in second_html
    assert 'aria-current="page"><span class="visually-hidden">Pagina </span>2</span>' in second_html
    assert 'rel="prev" href="?q=subsidie&amp;pagina=1">Vorige</a>' in second_html


@pytest.mark.django_db
def test_pagination_keeps_the_type_filter(client, home):
    for number in range(11):
        ServicePageFactory(parent=home, title=f"Subsidie {number:02d}")

    html = client.get(URL, {"q": "subsidie", "type": "diensten"}).content.decode()

    assert 'href="?q=subsidie&amp;type=diensten&amp;pagina=2">Volgende</a>' in html


@pytest.mark.django_db
def test_number_of_queries_does_not_grow_with_the_number_of_results(client, home):
    for number in range(3):
        ServicePageFactory(parent=home, title=f"Subsidie {number}")
    # Warm up: the first search creates its counters, and publishing clears caches.
    client.get(URL, {"q": "subsidie"})
    with CaptureQueriesContext(connection) as three_results:
        response = client.get(URL, {"q": "subsidie"})
    assert len(result_titles(response)) == 3

    for number in range(3, 12):
        ServicePageFactory(parent=home, title=f"Subsidie {number}")
    client.get(URL, {"q": "subsidie"})
    with CaptureQueriesContext(connection) as twelve_results:
        response = client.get(URL, {"q": "subsidie"})
    assert len(result_titles(response)) == 10

    assert len(twelve_results) == len(three_results)


# Best bets


@pytest.mark.django_db
def test_promoted_results_are_shown_above_the_results_as_recommended(client, home):
    passport = ServicePageFactory(parent=home, title="Paspoort aanvragen", slug="paspoort")
    ServicePageFactory(parent=home, title="Reizen met een paspoort")
    withdrawn = ServicePageFactory(parent=home, title="Oude paspoortpagina", live=False)
    query = Query.get("paspoort")
    SearchPromotion.objects.create(
        query=query, page=passport, description="Zo vraagt u een paspoort aan.", sort_order=0
    )
    SearchPromotion.objects.create(
        query=query,
        external_link_url="https://www.rijksoverheid.nl/paspoort",
        external_link_text="Paspoort op Rijksoverheid.nl",
        sort_order=1,
    )
    SearchPromotion.objects.create(query=query, page=withdrawn, sort_order=2)

    html = client.get(URL, {"q": "Paspoort"}).content.decode()

    promotions = html.split('id="search-promotions-title">Aanbevolen</h2>', 1)[1].split(
        "</section>", 1
    )[0]
    assert html.index("Aanbevolen</h2>") < html.index('id="search-results-title"')
    assert '<a class="utrecht-link" href="/paspoort/">Paspoort aanvragen</a>' in promotions
    assert "Zo vraagt u een paspoort aan." in promotions
    assert 'href="https://www.rijksoverheid.nl/paspoort">Paspoort op Rijksoverheid.nl</a>' in (
        promotions
    )
    assert "Oude paspoortpagina" not in html


@pytest.mark.django_db
def test_no_recommended_block_without_promotions(client, home):
    ServicePageFactory(parent=home, title="Paspoort aanvragen")

    html = client.get(URL, {"q": "paspoort"}).content.decode()

    assert "Aanbevolen" not in html


# Bad input


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "' OR 1=1 --",
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "paspoort\x00",
        '"paspoort',
        "pas* NEAR(a b) AND OR NOT",
        "a:b ^c {d} [e]",
        "-",
        "' ’ -- '",
        "***",
        "de het een",
        "x" * 10_000,
        "paspoort " * 2_000,
    ],
)
def test_hostile_or_odd_input_gives_a_normal_page(client, home, query):
    ServicePageFactory(parent=home, title="Paspoort aanvragen")

    response = client.get(URL, {"q": query})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "\x00" not in html


@pytest.mark.django_db
def test_html_in_the_query_is_shown_as_text(client, home):
    html = client.get(URL, {"q": "<script>alert(1)</script>"}).content.decode()

    assert "Zoekresultaten voor ‘&lt;script&gt;alert(1)&lt;/script&gt;’</h1>" in html
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in html


@pytest.mark.django_db
def test_a_very_long_query_is_cut_to_200_characters_before_searching_and_counting(client, home):
    response = client.get(URL, {"q": "x" * 10_000})
    search_counts_flush()

    html = response.content.decode()
    assert f'value="{"x" * 200}"' in html
    assert "x" * 201 not in html
    assert SearchMiss.objects.get().query_string == "x" * 200
    assert Query.objects.get().query_string == "x" * 200


@pytest.mark.django_db
def test_search_results_are_never_cached(client, home):
    response = client.get(URL, {"q": "paspoort"})

    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_search_accepts_only_reading(client, home):
    assert client.post(URL, {"q": "paspoort"}).status_code == 405


# Counting


@pytest.mark.django_db
def test_every_search_is_counted_in_normalised_form(client, home):
    ServicePageFactory(parent=home, title="Paspoort aanvragen")

    client.get(URL, {"q": "Paspoort  aanvragen"})
    client.get(URL, {"q": "  paspoort\taanvragen "})
    search_counts_flush()

    assert hits_for("paspoort aanvragen") == 2
    assert Query.objects.count() == 1
    assert not SearchMiss.objects.exists()


@pytest.mark.django_db
def test_paging_and_filtering_do_not_count_the_same_search_again(client, home):
    for number in range(11):
        ServicePageFactory(parent=home, title=f"Subsidie {number}")

    client.get(URL, {"q": "subsidie"})
    client.get(URL, {"q": "subsidie", "pagina": "2"})
    client.get(URL, {"q": "subsidie", "type": "diensten"})
    search_counts_flush()

    assert hits_for("subsidie") == 1


@pytest.mark.django_db
def test_empty_queries_are_not_counted(client, home):
    client.get(URL)
    client.get(URL, {"q": "   "})
    client.get(URL, {"q": "\x00"})
    search_counts_flush()

    assert not Query.objects.exists()
    assert not QueryDailyHits.objects.exists()
    assert not SearchMiss.objects.exists()


@pytest.mark.django_db
def test_searches_without_results_are_counted_per_query_and_day(client, home):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    SearchMiss.objects.create(query_string="hondenpoep", date=yesterday, hits=5)

    client.get(URL, {"q": "Hondenpoep"})
    client.get(URL, {"q": "hondenpoep"})
    client.get(URL, {"q": "zwerfkatten"})
    search_counts_flush()

    today = timezone.localdate()
    assert SearchMiss.objects.get(query_string="hondenpoep", date=today).hits == 2
    assert SearchMiss.objects.get(query_string="hondenpoep", date=yesterday).hits == 5
    assert SearchMiss.objects.get(query_string="zwerfkatten", date=today).hits == 1
    assert hits_for("hondenpoep") == 2


@pytest.mark.django_db
def test_a_miss_recorded_by_a_simultaneous_flush_is_still_counted(home):
    # Another flush inserts today's row after our UPDATE found nothing and before our INSERT.
    today = timezone.localdate()
    SearchMiss.objects.create(query_string="hondenpoep", date=today, hits=1)
    real_update = QuerySet.update
    calls = []

    def update_finds_nothing_the_first_miss_update(queryset, **kwargs):
        if queryset.model is SearchMiss:
            calls.append(kwargs)
            if len(calls) == 1:
                return 0
        return real_update(queryset, **kwargs)

    with mock.patch.object(QuerySet, "update", update_finds_nothing_the_first_miss_update):
        search_counts_save(counts=[SearchCount("hondenpoep", today, found=False, hits=3)])

    assert SearchMiss.objects.get(query_string="hondenpoep").hits == 4


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "stored"),
    [
        ("bsn 999990019", "bsn [nummer]"),
        ("999 99 00 19 paspoort", "[nummer] paspoort"),
        ("bel mij 0595-447777", "bel mij [nummer]"),
        ("anna@example.nl afspraak", "[e-mail] afspraak"),
        ("postcode 9951 AA", "postcode 9951 aa"),
    ],
)
def test_personal_data_in_a_query_is_not_stored(client, home, query, stored, settings):
    client.get(URL, {"q": query})

    # Not in the counts waiting for the flush either.
    waiting = settings.SEARCH_COUNTS_SPOOL.read_text()
    for personal in re.findall(r"\S+@\S+|\d[\d .-]{7,}\d", query):
        assert personal not in waiting
    search_counts_flush()

    assert Query.objects.get().query_string == stored
    assert SearchMiss.objects.get().query_string == stored


# 404


@pytest.mark.django_db
def test_unknown_address_shows_a_dutch_page_with_search_home_link_and_phone(client, home):
    response = client.get("/bestaat-niet/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "<title>Pagina niet gevonden - Gemeente Het Hogeland</title>" in html
    assert '<h1 class="utrecht-heading-1">Pagina niet gevonden</h1>' in html
    assert 'id="notfound-search" name="q"' in html
    assert 'action="/zoeken/"' in html
    assert '<a class="utrecht-link" href="/">startpagina</a>' in html
    assert 'href="tel:+31595447777">0595 44 77 77</a>' in html


@pytest.mark.django_db
def test_an_unpublished_page_gives_the_404_page(client, home):
    ServicePageFactory(parent=home, title="Concept", slug="concept", live=False)

    response = client.get("/concept/")

    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


@pytest.mark.django_db
def test_did_you_mean_never_suggests_a_word_of_a_draft_or_private_page(client, home):
    ServicePageFactory(parent=home, title="Hondenbelasting concept", live=False)
    private = ContentPageFactory(parent=home, title="Hondenbelasting intern")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    html = client.get(URL, {"q": "hondenbelsting"}).content.decode()

    assert "Bedoelde u" not in html
    assert "Geen resultaten voor ‘<strong>hondenbelsting</strong>’." in html


@pytest.mark.django_db
def test_a_promoted_result_is_shown_even_when_nothing_else_is_found(client, home):
    passport = ServicePageFactory(parent=home, title="Paspoort aanvragen", slug="paspoort")
    SearchPromotion.objects.create(query=Query.get("afspraak maken"), page=passport, sort_order=0)

    html = client.get(URL, {"q": "Afspraak maken"}).content.decode()

    promotions = html.split('id="search-promotions-title">Aanbevolen</h2>', 1)[1]
    assert '<a class="utrecht-link" href="/paspoort/">Paspoort aanvragen</a>' in promotions

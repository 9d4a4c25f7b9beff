"""What residents actually type, and the page each search must show first.

The site is built once per module from the demo's own texts (services, offices) with the demo's
synonyms and promoted results, so the table also checks the demo content editors start from.
Runs on SQLite and, with DATABASE_URL, on PostgreSQL (Dutch stemming, trigram similarity).
"""

import re

import pytest
from django.db import transaction
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from cms.models import SearchSynonym
from cms.search_vocabulary import Vocabulary
from demo.content_search import PROMOTIONS, SYNONYMS
from demo.content_site import OFFICES, SERVICES
from tests.cms.factories import (
    ContentPageFactory,
    LocationPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    ServicePageFactory,
    make_home,
)

URL = "/zoeken/"
# The site is built once per module: its tests stay together on one xdist worker.
pytestmark = pytest.mark.xdist_group("search-findability")

REALISTIC_QUERIES = [
    ("lantaarnpaal kapot", "Melding openbare ruimte"),
    ("verlichting", "Melding openbare ruimte"),
    ("straatlamp", "Melding openbare ruimte"),
    ("losse stoeptegel", "Melding openbare ruimte"),
    ("tegel", "Melding openbare ruimte"),
    ("gat in de weg", "Melding openbare ruimte"),
    ("kuil", "Melding openbare ruimte"),
    ("paspport", "Paspoort en ID-kaart"),
    ("paspoort", "Paspoort en ID-kaart"),
    ("identiteitskaart", "Paspoort en ID-kaart"),
    ("rijbewys", "Rijbewijs"),
    ("klacht", "Klacht indienen"),
    ("afspraak maken", "Paspoort en ID-kaart"),
    ("openingstijden winsum", "Gemeentehuis Winsum"),
    ("openingstijden uithuizen", "Servicepunt Uithuizen"),
    ("servicepunt leens", "Servicepunt Leens"),
    ("verhuizen", "Verhuizing doorgeven"),
    ("kliko", "Grofvuil en afval"),
    ("vergunning bouwen", "Omgevingsvergunning"),
    ("kwijtschelding", "Kwijtschelding gemeentelijke belastingen"),
    ("uitkering", "Bijstand"),
]


def _service(parent, spec):
    return ServicePageFactory(
        parent=parent,
        title=spec["title"],
        slug=spec["slug"],
        summary=spec["summary"],
        keywords=spec["keywords"],
        what=spec["what"],
        conditions=spec["conditions"] or "<p></p>",
        costs=spec["costs"] or "<p></p>",
    )


@pytest.fixture(scope="module")
def realistic_site(django_db_setup, django_db_blocker):
    """The demo's services and offices, its synonyms and promotions; rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        home = make_home()
        for spec in SERVICES:
            _service(home, spec)
        contact = ContentPageFactory(
            parent=home,
            title="Contact en openingstijden",
            slug="contact",
            summary="Bel, mail of kom langs. Hier vindt u hoe u ons bereikt.",
        )
        for spec in OFFICES:
            LocationPageFactory(
                parent=contact,
                title=spec["title"],
                slug=spec["slug"],
                summary=spec["summary"],
                street=spec["street"],
                postcode=spec["postcode"],
                city=spec["city"],
            )
        news = NewsIndexPageFactory(parent=home)
        NewsPageFactory(
            parent=news,
            title="Werkzaamheden aan de Hoofdstraat in Winsum",
            summary="Van 1 tot en met 12 december is de Hoofdstraat afgesloten.",
            body="<p>We vervangen het riool in de Hoofdstraat. Er is een omleiding.</p>",
        )
        for term, equivalents in SYNONYMS:
            SearchSynonym.objects.create(term=term, equivalents=equivalents)
        for order, (query_string, slug, description) in enumerate(PROMOTIONS):
            SearchPromotion.objects.create(
                query=Query.get(query_string),
                page=home.get_descendants().get(slug=slug),
                description=description,
                sort_order=order,
            )
        yield home
        transaction.set_rollback(True)


def first_title(response) -> str:
    """The first page a resident sees: a recommended one, else the first result."""
    titles = re.findall(
        r'search-result__title">\s*<a class="utrecht-link" href="[^"]*">([^<]*)</a>',
        response.content.decode(),
    )
    return titles[0] if titles else ""


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "expected"), REALISTIC_QUERIES)
def test_realistic_query_shows_the_right_page_first(client, realistic_site, query, expected):
    response = client.get(URL, {"q": query})

    assert response.status_code == 200
    assert first_title(response) == expected


@pytest.mark.django_db
def test_a_typo_gets_did_you_mean_with_a_link(client, realistic_site):
    html = client.get(URL, {"q": "paspport"}).content.decode()

    assert 'Bedoelde u <a class="utrecht-link" href="?q=paspoort">paspoort</a>?' in html
    assert "Wij tonen de resultaten voor ‘paspoort’." in html


@pytest.mark.django_db
def test_words_the_site_knows_get_no_did_you_mean(client, realistic_site):
    html = client.get(URL, {"q": "paspoort"}).content.decode()

    assert "Bedoelde u" not in html


@pytest.mark.django_db
def test_when_not_all_words_occur_the_page_says_it_shows_pages_with_some(client, realistic_site):
    response = client.get(URL, {"q": "stoeptegel scheef"})

    assert first_title(response) == "Melding openbare ruimte"
    assert "Geen pagina heeft al uw zoekwoorden." in response.content.decode()


def test_a_word_finds_its_plurals_and_the_compounds_it_is_the_head_of():
    vocabulary = Vocabulary(
        counts={"tegel": 1, "stoeptegels": 2, "stoeptegel": 1, "tegelzetter": 1, "paal": 1}
    )

    assert vocabulary.forms("tegel") == ["tegel", "stoeptegels", "stoeptegel"]


def test_a_short_part_of_a_compound_does_not_stand_for_the_compound():
    # "paal" would find "lantaarnpaal" and "parkeerpaal" alike; "weg" every "snelweg".
    vocabulary = Vocabulary(counts={"lantaarnpaal": 1, "parkeerpaal": 1, "palen": 1})

    assert vocabulary.forms("paal") == ["paal"]
    assert vocabulary.split("lantaarnpaal") is None


def test_an_unknown_compound_is_split_into_two_known_words():
    vocabulary = Vocabulary(counts={"stoep": 3, "tegels": 1, "tegel": 1, "omgeving": 1})

    assert vocabulary.split("stoeptegel") == ("stoep", "tegel")
    assert vocabulary.split("omgevingstegel") == ("omgeving", "tegel")


def test_spelling_is_corrected_to_a_close_word_but_not_to_another_form():
    vocabulary = Vocabulary(counts={"paspoort": 4, "lossen": 1, "rijbewijs": 2})

    assert vocabulary.correction("paspport") == "paspoort"
    assert vocabulary.correction("rijbewys") == "rijbewijs"
    assert vocabulary.correction("losse") is None
    assert vocabulary.correction("hondenbelasting") is None

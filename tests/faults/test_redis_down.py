"""Redis down under production cache settings: pages keep serving, errors are logged once."""

import datetime as dt
import logging

import pytest

from cms.middleware.cache import OUTAGE_GENERATION_SECONDS
from portal.session import CachedDatabaseSessionStore
from tests.cms.factories import ServicePageFactory, make_home
from tests.contacts.factories import ResidentFactory
from tests.forms_app.conftest import log_in

pytestmark = pytest.mark.django_db

NOTHING_LISTENS = "redis://127.0.0.1:1/0"


@pytest.fixture
def redis_down(settings, monkeypatch):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": NOTHING_LISTENS,
            "OPTIONS": settings.REDIS_CACHE_OPTIONS,
        }
    }
    # Sessions as in production: through the cache, written to the database.
    settings.SESSION_STORE_CACHED = True
    monkeypatch.setattr("portal.session.SessionStore", CachedDatabaseSessionStore)
    for log_filter in logging.getLogger("cache.unavailable").filters:
        monkeypatch.setattr(log_filter, "_last", {})
        monkeypatch.setattr(log_filter, "_held", {})


@pytest.fixture
def site():
    home = make_home()
    service = ServicePageFactory(parent=home, title="Paspoort aanvragen", slug="paspoort")
    return home, service


def test_public_pages_search_and_login_start_keep_working(client, redis_down, site, settings):
    home, service = site
    # Search counts go to Redis directly (not through the cache) when it is configured.
    settings.REDIS_URL = NOTHING_LISTENS

    assert client.get("/").status_code == 200
    response = client.get(service.url)
    assert response.status_code == 200
    assert "Paspoort aanvragen" in response.content.decode()
    assert client.get("/zoeken/?q=paspoort").status_code == 200
    # The login start keeps its state in the session: in the database while Redis is down.
    login = client.get("/mijn/inloggen/")
    assert login.status_code == 302
    assert "/authorize/" in login["Location"]


def test_a_logged_in_resident_keeps_their_session(client, redis_down, site):
    resident = ResidentFactory(name="Anna de Vries")
    log_in(client, resident)

    response = client.get("/mijn/")

    assert response.status_code == 200
    assert "Anna de Vries" in response.content.decode()


def test_health_reports_the_cache_down_and_keeps_the_node_serving(client, redis_down):
    response = client.get("/health/")

    # Every node shares the one Redis: taking them all out would take the site down.
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["cache"] == "unavailable"
    assert response.json()["database"] == "ok"


def test_cache_errors_are_logged_once_not_per_request(client, site, redis_down, caplog):
    with caplog.at_level(logging.WARNING):
        for _ in range(3):
            client.get("/")

    reported = [r for r in caplog.records if r.name == "cache.unavailable"]
    assert len(reported) == 1


def test_a_page_published_during_the_outage_reaches_the_menu_within_seconds(
    client, redis_down, site, time_machine
):
    home, _service = site
    time_machine.move_to(dt.datetime(2026, 3, 3, 9, 0, tzinfo=dt.UTC), tick=False)
    assert "Afvalkalender" not in _main_menu(client.get("/"))

    # Published while Redis is down: no process can learn of it through the cache.
    ServicePageFactory(parent=home, title="Afvalkalender", slug="afval", show_in_menus=True)
    time_machine.shift(OUTAGE_GENERATION_SECONDS)

    assert "Afvalkalender" in _main_menu(client.get("/"))


def _main_menu(response) -> str:
    content = response.content.decode()
    start = content.find('aria-label="Hoofdmenu"')  # no menu at all while it is empty
    return "" if start < 0 else content[start : content.index("</nav>", start)]

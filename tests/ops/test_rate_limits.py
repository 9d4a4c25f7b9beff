"""Every limited endpoint: the request after the limit gets the Dutch 429 page (or JSON for
JSON clients) with Retry-After, and a new X-Forwarded-For does not start a new count."""

import re
from unittest import mock

import pytest

from tests.cms.factories import ServicePageFactory, make_home
from tests.forms_app.factories import FormPageFactory

pytestmark = pytest.mark.django_db

VISITOR = "203.0.113.7"
NOW = 1_800_000_000


@pytest.fixture(autouse=True)
def _behind_one_proxy(settings):
    # As in production: one trusted proxy; these requests did not come through it.
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]


@pytest.fixture
def home():
    return make_home()


def _search(client, home, n):
    return client.get("/zoeken/", {"q": "afval"}, **_spoofed(n))


def _feedback(client, home, n):
    page = ServicePageFactory(parent=home, title="Afval", slug="afval") if n == 0 else None
    page_id = page.pk if page else home.get_children().get(slug="afval").pk
    return client.post("/reactie/", {"page": page_id, "helpful": "ja"}, **_spoofed(n))


def _login(client, home, n):
    return client.get("/mijn/inloggen/", **_spoofed(n))


def _mock_login(client, home, n):
    return client.post("/digid-mock/authorize/", {"bsn": "999990019"}, **_spoofed(n))


def _form_step(client, home, n):
    if n == 0:
        FormPageFactory(parent=home, slug="melding", login_required=False)
    return client.post("/melding/stap/controleren/", {}, **_spoofed(n))


def _webcare_api(client, home, n):
    return client.post(
        "/api/webcare/contacts",
        "{}",
        content_type="application/json",
        HTTP_AUTHORIZATION="Bearer geraden-sleutel",
        HTTP_ACCEPT="application/json",
        **_spoofed(n),
    )


def _session_status(client, home, n):
    return client.get("/mijn/sessie/", HTTP_ACCEPT="application/json", **_spoofed(n))


def _csp_report(client, home, n):
    return client.post("/csp-rapport/", "{}", content_type="application/csp-report", **_spoofed(n))


def _spoofed(n):
    return {"REMOTE_ADDR": VISITOR, "HTTP_X_FORWARDED_FOR": f"198.51.100.{n}"}


ENDPOINTS = {
    "search": ("search", _search),
    "feedback": ("feedback", _feedback),
    "login-start": ("login", _login),
    "mock-login": ("mock_login", _mock_login),
    "form-step": ("form_step", _form_step),
    "webcare-api": ("api", _webcare_api),
    "session-status-json": ("api", _session_status),
    "csp-report": ("csp_report", _csp_report),
}
JSON = {"webcare-api", "session-status-json"}


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_the_request_after_the_limit_gets_429_with_retry_after(client, settings, home, endpoint):
    limit, send = ENDPOINTS[endpoint]
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, limit: "3/m"}
    with mock.patch("django_ratelimit.core.time.time", return_value=NOW):
        allowed = [send(client, home, n) for n in range(3)]
        refused = send(client, home, 3)

    assert [r.status_code for r in allowed].count(429) == 0
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    if endpoint in JSON:
        assert "Te veel verzoeken" in refused.json()["detail"]
    else:
        content = refused.content.decode()
        assert "Probeer het over een minuut opnieuw" in content
        assert 'class="site-header' in content  # the site's own layout


def test_the_429_page_is_dutch_and_accessible_in_structure(client, settings, home):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "search": "1/h"}
    client.get("/zoeken/", {"q": "afval"})
    response = client.get("/zoeken/", {"q": "afval"})

    content = response.content.decode()
    assert "<title>Even wachten - Gemeente Het Hogeland</title>" in content
    assert '<h1 class="utrecht-heading-1">Even wachten</h1>' in content
    assert re.search(r"Probeer het over (een minuut|\d+ minuten|een uur)\s+opnieuw\.", content)
    assert response["Retry-After"].isdigit()


def test_limits_are_counted_in_the_shared_cache(client, settings, home):
    """A second app server shares the count: it is in the cache, not in the process."""
    from django.core.cache import cache

    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "search": "1/h"}
    client.get("/zoeken/", {"q": "afval"})
    cache_keys = list(cache._cache.keys())  # the local-memory cache of the tests

    assert any("rl:" in key for key in cache_keys)


def test_with_redis_the_count_is_in_redis_for_every_app_server(client, settings, home):
    """Production counts in Redis: another app server (here: a separate Redis client) sees
    the count, and its visitor is refused too."""
    redis = pytest.importorskip("redis")
    # A database of its own: the benchmarks use 14 and 15 (bench/), other tests 11 to 13.
    url = "redis://127.0.0.1:6379/10"
    try:
        redis.Redis.from_url(url).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        }
    }
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "search": "2/m"}
    raw = redis.Redis.from_url(url)
    raw.flushdb()
    try:
        with mock.patch("django_ratelimit.core.time.time", return_value=NOW):
            client.get("/zoeken/", {"q": "afval"}, **_spoofed(1))
            client.get("/zoeken/", {"q": "afval"}, **_spoofed(2))
            counters = [key for key in raw.keys("*") if b"rl:" in key]
            from django.core.cache import caches

            caches["default"].close()  # as if the next request reached another process
            refused = client.get("/zoeken/", {"q": "afval"}, **_spoofed(3))
    finally:
        raw.flushdb()

    assert counters
    assert refused.status_code == 429


def test_settings_name_every_limit_and_take_the_environment(monkeypatch):
    import importlib

    import config.settings.base as base

    monkeypatch.setenv("RATE_LIMIT_SEARCH", "99/m")
    try:
        reloaded = importlib.reload(base)
        assert reloaded.RATE_LIMITS["search"] == "99/m"
        assert set(reloaded.RATE_LIMITS) >= {
            "login",
            "form_step",
            "search",
            "feedback",
            "mock_login",
            "api",
            "webcare",
        }
    finally:
        monkeypatch.delenv("RATE_LIMIT_SEARCH")
        importlib.reload(base)

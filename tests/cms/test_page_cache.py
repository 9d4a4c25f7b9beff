from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.contrib import messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache, caches
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import resolve
from wagtail.contrib.redirects.models import Redirect

from cms.middleware.cache import (
    EXCLUDED_PREFIXES,
    GENERATION_KEY,
    PageCacheMiddleware,
    current_generation,
    purge_page_cache,
)
from tests.cms.factories import (
    AlertFactory,
    NewsIndexPageFactory,
    ServicePageFactory,
    make_home,
)
from tests.contacts.factories import UserFactory


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home(db):
    return make_home()


@pytest.fixture
def service(home):
    return ServicePageFactory(
        parent=home,
        title="Paspoort aanvragen",
        internal_notes="<p>Geheime werkinstructie</p>",
    )


def publish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()


@pytest.mark.django_db
def test_the_second_anonymous_request_is_served_from_the_cache(
    client, service, django_assert_num_queries
):
    first = client.get(service.url)
    assert first["X-Page-Cache"] == "miss"

    with django_assert_num_queries(0):
        second = client.get(service.url)

    assert second.status_code == 200
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


@pytest.mark.django_db
def test_head_requests_are_served_from_the_cache(client, service):
    client.get(service.url)

    response = client.head(service.url)

    assert response["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_publishing_the_page_purges_the_cache(client, service):
    client.get(service.url)

    publish(service, title="Paspoort of ID-kaart aanvragen")
    response = client.get(service.url)

    assert response["X-Page-Cache"] == "miss"
    assert "Paspoort of ID-kaart aanvragen" in response.content.decode()


@pytest.mark.django_db
def test_publishing_any_page_purges_the_cache(client, home, service):
    other = ServicePageFactory(parent=home, title="Afval", show_in_menus=True)
    client.get(service.url)

    publish(other, title="Afval en grondstoffen")
    response = client.get(service.url)

    assert response["X-Page-Cache"] == "miss"
    assert "Afval en grondstoffen" in response.content.decode()  # the main menu


@pytest.mark.django_db
def test_saving_a_draft_keeps_the_published_page(client, service):
    client.get(service.url)

    service.title = "Concept"
    service.save_revision()
    response = client.get(service.url)

    assert "Concept" not in response.content.decode()


@pytest.mark.django_db
def test_unpublishing_purges_the_cache(client, service):
    client.get(service.url)

    service.unpublish()

    assert client.get(service.url).status_code == 404


@pytest.mark.django_db
def test_deleting_purges_the_cache(client, service):
    url = service.url
    client.get(url)

    service.delete()

    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_moving_purges_the_cache(client, home, service):
    news = NewsIndexPageFactory(parent=home)
    client.get(service.url)

    with mock.patch("cms.signals.purge_page_cache") as purge:
        service.move(news, pos="last-child")

    purge.assert_called()


@pytest.mark.django_db
def test_a_new_redirect_purges_the_cache(client, service):
    generation = current_generation()

    Redirect.objects.create(old_path="/paspoort", redirect_page=service)

    assert current_generation() != generation


@pytest.mark.django_db
def test_query_strings_are_cached_apart(client, home):
    news = NewsIndexPageFactory(parent=home)
    client.get(news.url)

    response = client.get(news.url, {"pagina": "2"})

    assert response["X-Page-Cache"] == "miss"
    assert client.get(news.url, {"pagina": "2"})["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_logged_in_staff_never_get_a_cached_page(client, service):
    client.get(service.url)
    staff = UserFactory(is_staff=True)
    client.force_login(staff)

    for _ in range(2):
        response = client.get(service.url)
        assert response.get("X-Page-Cache") != "hit"
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
        assert "Geheime werkinstructie" in response.content.decode()


@pytest.mark.django_db
def test_a_page_made_for_staff_is_never_stored(service):
    staff_client = Client()
    staff_client.force_login(UserFactory(is_staff=True))
    staff_client.get(service.url)

    response = Client().get(service.url)

    assert response["X-Page-Cache"] == "miss"
    assert "Geheime werkinstructie" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("cookie", [django_settings.SESSION_COOKIE_NAME, "messages"])
def test_a_visitor_with_a_session_or_messages_is_not_served_from_the_cache(client, service, cookie):
    client.get(service.url)
    client.cookies[cookie] = "abc"

    response = client.get(service.url)

    assert "X-Page-Cache" not in response


@pytest.mark.django_db
def test_a_hidden_alert_does_not_stop_the_cache(client, service):
    alert = AlertFactory()
    client.get(service.url)
    client.post(f"/meldingen/{alert.pk}/verbergen/", {"next": service.url})

    assert client.get(service.url)["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_not_found_pages_are_not_stored(client, home):
    client.get("/bestaat-niet/")

    assert client.get("/bestaat-niet/").get("X-Page-Cache") == "miss"


@pytest.mark.django_db
def test_a_zero_timeout_turns_the_cache_off(client, service, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(service.url)

    assert "X-Page-Cache" not in client.get(service.url)


@pytest.mark.django_db
def test_the_timeout_comes_from_the_settings(client, service, settings):
    settings.PAGE_CACHE_SECONDS = 42

    with mock.patch("cms.middleware.cache.cache.set") as cache_set:
        client.get(service.url)

    [(key, _, timeout)] = [
        call.args for call in cache_set.call_args_list if call.args[0].startswith("cms:pagecache:")
    ]
    assert timeout == 42


@pytest.mark.django_db
def test_purging_works_when_the_generation_was_evicted(client, service):
    client.get(service.url)
    cache.delete(GENERATION_KEY)

    purge_page_cache()

    assert client.get(service.url)["X-Page-Cache"] == "miss"


# The decision on its own: a Wagtail page view answered with a given response.


def page_request(path="/paspoort/", method="get", **cookies):
    request = getattr(RequestFactory(), method)(path)
    request.COOKIES.update(cookies)
    request.resolver_match = resolve("/paspoort/")
    return request


def respond_twice(make_response, request_factory=page_request):
    middleware = PageCacheMiddleware(lambda request: make_response())
    middleware(request_factory())
    return middleware(request_factory())


def html(**headers):
    response = HttpResponse("<p>pagina</p>")
    for name, value in headers.items():
        response[name] = value
    return response


def with_cookie():
    response = html()
    response.set_cookie("iets", "1")
    return response


@pytest.mark.django_db
@pytest.mark.parametrize(
    "make_response",
    [
        lambda: html(**{"Cache-Control": "private"}),
        lambda: html(**{"Cache-Control": "no-store"}),
        lambda: html(**{"Cache-Control": "max-age=0"}),
        lambda: HttpResponse("{}", content_type="application/json"),
        lambda: HttpResponse("weg", status=410),
        with_cookie,
    ],
    ids=["private", "no-store", "max-age-0", "json", "410", "set-cookie"],
)
def test_responses_that_must_not_be_shared_are_not_stored(make_response):
    assert respond_twice(make_response)["X-Page-Cache"] == "miss"


def with_session_data(request):
    request.session = SessionStore()
    request.session["stap"] = 2


def with_message(request):
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    messages.info(request, "Opgeslagen")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "mark_request",
    [
        lambda request: request.META.update(CSRF_COOKIE_NEEDS_UPDATE=True),
        lambda request: setattr(request, "_csp_nonce", "abc"),
        with_session_data,
        with_message,
    ],
    ids=["csrf-token", "csp-nonce", "session-data", "message"],
)
def test_a_page_with_a_token_for_this_visitor_is_not_stored(mark_request):
    def marked_request():
        request = page_request()
        mark_request(request)
        return request

    assert respond_twice(html, marked_request)["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_a_plain_page_is_stored():
    assert respond_twice(html)["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_only_wagtail_pages_are_stored():
    def robots_request():
        request = page_request("/robots.txt")
        request.resolver_match = resolve("/robots.txt")
        return request

    assert respond_twice(html, robots_request)["X-Page-Cache"] == "miss"


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", EXCLUDED_PREFIXES)
def test_excluded_paths_never_use_the_cache(prefix):
    response = respond_twice(html, lambda: page_request(f"{prefix}iets/"))

    assert "X-Page-Cache" not in response


@pytest.mark.django_db
def test_posts_never_use_the_cache():
    response = respond_twice(html, lambda: page_request(method="post"))

    assert "X-Page-Cache" not in response


@pytest.mark.django_db
def test_making_a_page_private_purges_the_cache(client, service):
    from wagtail.models import PageViewRestriction

    client.get(service.url)
    assert client.get(service.url)["X-Page-Cache"] == "hit"

    PageViewRestriction.objects.create(page=service, restriction_type="login")
    response = client.get(service.url)

    assert response.status_code == 302
    assert "/login" in response["Location"] or "inloggen" in response["Location"]


@pytest.mark.django_db
def test_a_hit_says_how_long_it_waited_in_the_cache(client, service):
    client.get(service.url)

    with mock.patch("cms.middleware.cache.time.time", return_value=__import__("time").time() + 42):
        response = client.get(service.url)

    assert response["X-Page-Cache"] == "hit"
    assert 41 <= int(response["Age"]) <= 43


# Query strings: only the parameters pages read make a separate copy.


def _stored_page_keys():
    return [key for key in cache._cache if ":cms:pagecache:v2:" in key]


@pytest.mark.django_db
def test_unknown_query_strings_share_one_cached_copy(client, service):
    first = client.get(service.url, {"utm_source": "nieuwsbrief"})

    responses = [client.get(service.url, {f"x{n}": str(n)}) for n in range(200)]

    assert first["X-Page-Cache"] == "miss"
    assert {response["X-Page-Cache"] for response in responses} == {"hit"}
    assert {response.content for response in responses} == {first.content}
    assert len(_stored_page_keys()) == 1


@pytest.mark.django_db
def test_parameters_pages_read_are_kept_in_any_order(client, home):
    news = NewsIndexPageFactory(parent=home)
    client.get(news.url, {"pagina": "1", "onderwerp": "afval"})

    response = client.get(f"{news.url}?onderwerp=afval&fbclid=abc&pagina=1")

    assert response["X-Page-Cache"] == "hit"
    assert client.get(news.url, {"onderwerp": "wegen"})["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_the_feedback_outcome_is_not_served_to_others(client, service):
    client.get(service.url, {"reactie": "bedankt"})

    response = client.get(service.url)

    assert response["X-Page-Cache"] == "miss"
    assert "Bedankt voor uw reactie" not in response.content.decode()


# Served before the rest of the middleware: a hit carries the headers of the page it copies.


@pytest.mark.django_db
def test_a_hit_carries_the_security_headers_of_the_page(client, service):
    first = client.get(service.url)

    second = client.get(service.url)

    assert second["X-Page-Cache"] == "hit"
    for header in ("Content-Security-Policy", "X-Frame-Options", "Vary", "Permissions-Policy"):
        assert second[header] == first[header], header
    assert second["Content-Length"] == str(len(second.content))


@pytest.mark.django_db
def test_a_hit_reads_the_cache_once(client, service):
    AlertFactory(title="Gladheid")
    client.get(service.url)

    backend = caches["default"]
    with (
        mock.patch.object(backend, "get", wraps=backend.get) as get,
        mock.patch.object(backend, "get_many", wraps=backend.get_many) as get_many,
    ):
        response = client.get(service.url)

    assert response["X-Page-Cache"] == "hit"
    assert "Gladheid" in response.content.decode()
    # One round trip (MGET on Redis; the local-memory backend loops over get inside it).
    assert get_many.call_count == 1
    [keys] = get_many.call_args.args
    assert [call.args[0] for call in get.call_args_list] == keys


@pytest.mark.django_db
def test_a_page_made_before_a_publish_is_not_served_after_it():
    def render_while_an_editor_publishes():
        purge_page_cache()
        return html()

    middleware = PageCacheMiddleware(lambda request: render_while_an_editor_publishes())
    middleware(page_request())

    assert middleware(page_request())["X-Page-Cache"] == "miss"


@pytest.fixture
def local_copies(settings):
    from cms.middleware.cache import forget_local_copies

    settings.PAGE_CACHE_LOCAL_MS = 60_000
    forget_local_copies()
    yield
    forget_local_copies()


@pytest.mark.django_db
def test_a_process_serves_recent_hits_without_asking_the_cache(client, service, local_copies):
    client.get(service.url)
    client.get(service.url)
    backend = caches["default"]

    with mock.patch.object(backend, "get_many", wraps=backend.get_many) as get_many:
        response = client.get(service.url)

    assert response["X-Page-Cache"] == "hit"
    assert get_many.call_count == 0


@pytest.mark.django_db
def test_a_publish_in_this_process_is_seen_at_once(client, service, local_copies):
    client.get(service.url)
    client.get(service.url)

    publish(service, title="Paspoort of ID-kaart aanvragen")
    response = client.get(service.url)

    assert response["X-Page-Cache"] == "miss"
    assert "Paspoort of ID-kaart aanvragen" in response.content.decode()


@pytest.mark.django_db
def test_a_new_alert_shows_at_once_on_a_local_copy(client, service, local_copies):
    client.get(service.url)
    client.get(service.url)

    AlertFactory(title="Gladheid")
    response = client.get(service.url)

    assert "Gladheid" in response.content.decode()


@pytest.mark.django_db
def test_pages_made_per_request_read_the_generation_and_alerts_from_the_process(
    client, service, local_copies, settings
):
    from cms.alerts import SNAPSHOT_KEY
    from cms.middleware.cache import GENERATION_KEY

    settings.PAGE_CACHE_SECONDS = 0  # every request makes its page, as a form's steps do
    client.get(service.url)  # the alerts are loaded and stored
    client.get(service.url)  # ... and read (then kept)
    backend = caches["default"]

    with (
        mock.patch.object(backend, "get", wraps=backend.get) as get,
        mock.patch.object(backend, "get_many", wraps=backend.get_many) as get_many,
    ):
        response = client.get(service.url)

    assert response.status_code == 200
    asked = [call.args[0] for call in get.call_args_list]
    asked += [key for call in get_many.call_args_list for key in call.args[0]]
    assert GENERATION_KEY not in asked
    assert SNAPSHOT_KEY not in asked


@pytest.mark.django_db
def test_a_new_alert_shows_at_once_on_a_page_made_per_request(
    client, service, local_copies, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(service.url)
    client.get(service.url)

    AlertFactory(title="Gladheid")

    assert "Gladheid" in client.get(service.url).content.decode()


@pytest.mark.django_db
def test_expired_alerts_are_read_from_the_database_once_not_per_request(
    client, service, local_copies, settings
):
    from cms.alerts import SNAPSHOT_KEY, load_alerts

    settings.PAGE_CACHE_SECONDS = 0
    AlertFactory(title="Gladheid")
    client.get(service.url)
    cache.delete(SNAPSHOT_KEY)  # expired

    with mock.patch("cms.alerts.load_alerts", wraps=load_alerts) as load:
        pages = [client.get(service.url).content.decode() for _ in range(3)]

    assert all("Gladheid" in page for page in pages)
    assert load.call_count == 1


@pytest.mark.django_db
def test_the_menu_is_kept_in_the_process_until_the_next_publish(client, home, service, settings):
    settings.PAGE_CACHE_SECONDS = 0  # every request makes its page
    other = ServicePageFactory(parent=home, title="Afval", show_in_menus=True)
    client.get(service.url)

    with mock.patch("cms.templatetags.navigation.cache") as shared:
        content = client.get(service.url).content.decode()
    shared.get.assert_not_called()
    assert f'<a class="main-menu__link" href="{other.url}">Afval</a>' in content

    publish(other, title="Afval en grondstoffen")
    assert ">Afval en grondstoffen</a>" in client.get(service.url).content.decode()

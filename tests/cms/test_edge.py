"""Varnish in front (cms/edge.py, deploy/varnish/default.vcl): shareable pages are marked for
it, alerts become an edge-side include fetched per visitor, and a publish purges it.
tests/scaleout runs the same against a real Varnish."""

import datetime as dt
import re
from unittest import mock

import pytest
from django.utils import timezone

from cms.edge import ALERTS_FRAGMENT_MAX_SECONDS
from tests.cms.factories import AlertFactory, ServicePageFactory, make_home
from tests.contacts.factories import UserFactory

VARNISH = {"HTTP_SURROGATE_CAPABILITY": "varnish=ESI/1.0"}


@pytest.fixture
def home(db):
    return make_home()


@pytest.fixture
def service(home):
    return ServicePageFactory(parent=home, title="Paspoort aanvragen")


def max_age(response):
    return int(re.search(r"max-age=(\d+)", response["Surrogate-Control"]).group(1))


def test_behind_varnish_a_page_is_shareable_and_its_alerts_are_an_include(client, service):
    AlertFactory(title="Storing drinkwater")

    for expected in ("miss", "hit"):
        response = client.get(service.url, **VARNISH)
        assert response["X-Page-Cache"] == expected
        assert 'content="ESI/1.0"' in response["Surrogate-Control"]
        assert 0 < max_age(response) <= 600
        body = response.content.decode()
        assert '<esi:include src="/meldingen/actueel/?pad=%2Fpaspoort-aanvragen%2F"' in body
        assert "Storing drinkwater" not in body


def test_without_varnish_nothing_changes(client, service):
    AlertFactory(title="Storing drinkwater")

    response = client.get(service.url)

    assert not response.has_header("Surrogate-Control")
    assert "Storing drinkwater" in response.content.decode()
    assert "esi:include" not in response.content.decode()


def test_a_logged_in_visitor_never_gets_a_shareable_page(client, service):
    client.force_login(UserFactory())
    AlertFactory(title="Storing drinkwater")

    response = client.get(service.url, **VARNISH)

    assert not response.has_header("Surrogate-Control")
    assert "Storing drinkwater" in response.content.decode()


def test_the_alerts_fragment_shows_the_alerts_of_that_page_for_this_visitor(client, home):
    shown = AlertFactory(title="Storing drinkwater")
    hidden = AlertFactory(title="Weg afgesloten")
    client.cookies["verborgen_meldingen"] = str(hidden.pk)

    response = client.get("/meldingen/actueel/", {"pad": "/paspoort-aanvragen/"})

    body = response.content.decode()
    assert response.status_code == 200
    assert shown.title in body and hidden.title not in body
    # "Verbergen" sends the visitor back to the page, not to the fragment.
    assert 'name="next" value="/paspoort-aanvragen/"' in body
    assert max_age(response) == ALERTS_FRAGMENT_MAX_SECONDS
    assert "no-cache" in response["Cache-Control"]


def test_the_alerts_fragment_is_kept_no_longer_than_until_the_next_alert_starts(client, home):
    AlertFactory(
        title="Werkzaamheden",
        starts_at=timezone.now() + dt.timedelta(seconds=20),
        ends_at=timezone.now() + dt.timedelta(hours=1),
    )

    response = client.get("/meldingen/actueel/", {"pad": "/"})

    assert "Werkzaamheden" not in response.content.decode()
    assert 15 <= max_age(response) <= 20


def test_an_alerts_fragment_for_another_site_is_the_home_page_s(client, home):
    AlertFactory(title="Storing drinkwater")

    response = client.get("/meldingen/actueel/", {"pad": "//evil.example/"})

    assert 'name="next" value="/"' in response.content.decode()


def test_a_publish_purges_varnish_after_the_commit(
    settings, service, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:6081",
        }
    }
    settings.SITE_URL = "https://www.hethogeland.nl"

    with mock.patch("wagtail.contrib.frontend_cache.backends.http.urlopen") as urlopen:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            service.title = "Paspoort of ID-kaart aanvragen"
            service.save_revision().publish()
        assert not urlopen.called, "purged before the commit"
        for callback in callbacks:
            callback()

    purges = [call.args[0] for call in urlopen.call_args_list]
    assert purges, "Varnish was not purged"
    assert all(request.get_method() == "PURGE" for request in purges)
    assert {request.full_url for request in purges} == {"http://127.0.0.1:6081/"}
    assert {request.get_header("Host") for request in purges} == {"www.hethogeland.nl"}


def test_a_page_made_while_someone_publishes_is_not_offered_to_varnish(client, service):
    from cms.middleware.cache import purge_page_cache
    from cms.models import ServicePage

    original = ServicePage.get_context

    def publishing_meanwhile(self, request, *args, **kwargs):
        purge_page_cache()
        return original(self, request, *args, **kwargs)

    with mock.patch.object(ServicePage, "get_context", publishing_meanwhile):
        response = client.get(service.url, **VARNISH)

    assert response.status_code == 200
    assert not response.has_header("Surrogate-Control")

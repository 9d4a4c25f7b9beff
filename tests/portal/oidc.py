"""Drive the real OIDC login against the mock provider through Django's test client.

The portal calls the provider's token and JWKS endpoints with ``requests``; here those calls
go to the same Django application through a separate test client (a server-to-server call
carries none of the browser's cookies).
"""

import json
from contextlib import contextmanager
from unittest import mock
from urllib.parse import parse_qs, urlsplit

from django.test import Client


class _Response:
    def __init__(self, django_response, url):
        self.status_code = django_response.status_code
        self.text = django_response.content.decode()
        self.headers = dict(django_response.headers)
        self.url = url

    def json(self):
        return json.loads(self.text)

    def raise_for_status(self):
        if self.status_code >= 400:
            raise RuntimeError(f"HTTP {self.status_code} from {self.url}: {self.text}")


def _post(url, data=None, auth=None, **kwargs):
    extra = {}
    if auth is not None:
        import base64

        token = base64.b64encode(f"{auth.username}:{auth.password}".encode()).decode()
        extra["HTTP_AUTHORIZATION"] = f"Basic {token}"
    return _Response(Client().post(urlsplit(url).path, data=data, **extra), url)


def _get(url, headers=None, **kwargs):
    extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in (headers or {}).items()}
    return _Response(Client().get(urlsplit(url).path, **extra), url)


@contextmanager
def provider_transport():
    with (
        mock.patch("mozilla_django_oidc.auth.requests.post", side_effect=_post),
        mock.patch("mozilla_django_oidc.auth.requests.get", side_effect=_get),
    ):
        yield


def start_login(client, next_url="/mijn/"):
    """Follow the portal's login link to the provider; returns the provider's page URL."""
    response = client.get("/mijn/inloggen/", {"next": next_url})
    assert response.status_code == 302, response
    return response["Location"]


def choose_person(client, authorize_url, bsn="999990019", level=""):
    """Log in at the mock provider; returns the callback URL the browser is sent to."""
    response = client.post(authorize_url, {"bsn": bsn, "niveau": level})
    assert response.status_code == 302, response.content.decode()[:500]
    return response["Location"]


def finish_login(client, callback_url):
    parts = urlsplit(callback_url)
    with provider_transport():
        return client.get(parts.path, parse_qs(parts.query))


def login_with_digid(client, bsn="999990019", next_url="/mijn/", level=""):
    return finish_login(
        client, choose_person(client, start_login(client, next_url), bsn, level=level)
    )

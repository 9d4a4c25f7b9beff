"""Drive the real OIDC login against the mock provider through Django's test client.

The portal calls the provider's token, JWKS and userinfo endpoints with ``requests``; here
those calls go to the same Django application through a separate test client (a
server-to-server call carries none of the browser's cookies), with the Host of the URL the
portal chose, so the mock names itself after it. Every call is recorded in ``calls``, and
``replies`` can stand in for the broker's answer to one endpoint (a timeout, HTML, ...).
"""

import base64
import json
from contextlib import contextmanager
from unittest import mock
from urllib.parse import parse_qs, urlsplit

from django.test import Client

from contacts.constants import SESSION_ASSURANCE_LEVEL
from portal import session as portal_session


class FakeResponse:
    def __init__(self, status_code=200, text="", headers=None, url=""):
        self.status_code = status_code
        self.text = text
        self.headers = headers or {}
        self.url = url

    def json(self):
        return json.loads(self.text)

    def raise_for_status(self):
        import requests

        if self.status_code >= 400:
            raise requests.HTTPError(f"HTTP {self.status_code} from {self.url}: {self.text}")


def _wrap(django_response, url):
    return FakeResponse(
        django_response.status_code,
        django_response.content.decode(),
        dict(django_response.headers),
        url,
    )


class Transport:
    def __init__(self):
        self.calls = []
        # path -> a FakeResponse, or an exception to raise, instead of asking the mock
        self.replies = {}

    def _reply(self, url):
        reply = self.replies.get(urlsplit(url).path)
        if isinstance(reply, BaseException):
            raise reply
        return reply

    def post(self, url, data=None, auth=None, **kwargs):
        self.calls.append(("POST", url, dict(data or {}), auth))
        if (reply := self._reply(url)) is not None:
            return reply
        extra = {"HTTP_HOST": urlsplit(url).netloc}
        if auth is not None:
            token = base64.b64encode(f"{auth.username}:{auth.password}".encode()).decode()
            extra["HTTP_AUTHORIZATION"] = f"Basic {token}"
        return _wrap(Client().post(urlsplit(url).path, data=data, **extra), url)

    def get(self, url, headers=None, **kwargs):
        self.calls.append(("GET", url, dict(headers or {}), None))
        if (reply := self._reply(url)) is not None:
            return reply
        extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in (headers or {}).items()}
        extra["HTTP_HOST"] = urlsplit(url).netloc
        return _wrap(Client().get(urlsplit(url).path, **extra), url)


@contextmanager
def provider_transport(transport=None):
    transport = transport or Transport()
    with (
        mock.patch("mozilla_django_oidc.auth.requests.post", side_effect=transport.post),
        mock.patch("mozilla_django_oidc.auth.requests.get", side_effect=transport.get),
    ):
        yield transport


def start_login(client, next_url="/mijn/", **extra):
    """Follow the portal's login link to the provider; returns the provider's page URL."""
    response = client.get("/mijn/inloggen/", {"next": next_url}, **extra)
    assert response.status_code == 302, response
    return response["Location"]


def choose_person(client, authorize_url, bsn="999990019", level=""):
    """Log in at the mock provider; returns the callback URL the browser is sent to."""
    response = client.post(authorize_url, {"bsn": bsn, "niveau": level})
    assert response.status_code == 302, response.content.decode()[:500]
    return response["Location"]


def choose_business(client, authorize_url, kvk="68750110", branch="", level=""):
    response = client.post(
        authorize_url,
        {"methode": "eherkenning", "kvk": kvk, "vestiging": branch, "eh_niveau": level},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return response["Location"]


def finish_login(client, callback_url, transport=None, **extra):
    parts = urlsplit(callback_url)
    with provider_transport(transport):
        return client.get(parts.path, parse_qs(parts.query), **extra)


def login_with_digid(client, bsn="999990019", next_url="/mijn/", level=""):
    return finish_login(
        client, choose_person(client, start_login(client, next_url), bsn, level=level)
    )


def login_with_eherkenning(client, kvk="68750110", branch="", next_url="/mijn/"):
    return finish_login(client, choose_business(client, start_login(client, next_url), kvk, branch))


def portal_login(client, resident, level="midden"):
    """A portal session without the round trip: what the OIDC login leaves in the session."""
    client.force_login(resident.user, backend="portal.auth.DigiDBackend")
    session = client.session
    session[portal_session.PORTAL_AUTH] = portal_session.PORTAL_AUTH_OIDC
    session[SESSION_ASSURANCE_LEVEL] = level
    session.save()


def signed_id_token(headers=None, **claims):
    """An ID token signed with the mock's key, as the mock would issue it, with ``claims``."""
    import time

    import jwt
    from django.conf import settings
    from jwcrypto import jwk
    from oauth2_provider.settings import oauth2_settings

    private_key = oauth2_settings.OIDC_RSA_PRIVATE_KEY
    kid = jwk.JWK.from_pem(private_key.encode()).thumbprint()
    payload = {
        "iss": settings.SITE_URL + "/digid-mock",
        "aud": settings.OIDC_RP_CLIENT_ID,
        "sub": "1",
        "iat": int(time.time()),
        "exp": int(time.time()) + 300,
        **claims,
    }
    payload = {key: value for key, value in payload.items() if value is not None}
    header = {"kid": kid} if headers is None else headers
    return jwt.encode(payload, private_key, algorithm="RS256", headers=header)


def pending_nonce(client):
    return next(iter(client.session["oidc_states"].values()))["nonce"]

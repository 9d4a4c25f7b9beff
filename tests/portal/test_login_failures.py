"""When the broker fails, the resident gets a clear page and a way to try again, never a 500;
the log says what went wrong without the broker's reply, the code, a token or the secret."""

import datetime as dt
import json
import logging
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.utils import timezone

from contacts.models import Resident
from tests.portal.oidc import (
    FakeResponse,
    Transport,
    choose_person,
    finish_login,
    pending_nonce,
    signed_id_token,
    start_login,
)

pytestmark = pytest.mark.django_db
BSN = "999990019"
TOKEN_PATH = "/digid-mock/token/"
JWKS_PATH = "/digid-mock/.well-known/jwks.json"
USERINFO_PATH = "/digid-mock/userinfo/"
BODY_SECRET = "interne-foutmelding-van-de-broker"


def _json(status, data):
    return FakeResponse(status, json.dumps(data), {"Content-Type": "application/json"})


FAILURES = {
    "timeout": (TOKEN_PATH, requests.Timeout(f"read timed out {BODY_SECRET}"), 502),
    "connection-refused": (TOKEN_PATH, requests.ConnectionError(BODY_SECRET), 502),
    "html-reply": (
        TOKEN_PATH,
        FakeResponse(
            200, f"<html><body>{BODY_SECRET}</body></html>", {"Content-Type": "text/html"}
        ),
        502,
    ),
    "empty-reply": (TOKEN_PATH, FakeResponse(200, ""), 502),
    "proxy-error-page": (TOKEN_PATH, FakeResponse(502, f"<h1>Bad gateway</h1>{BODY_SECRET}"), 502),
    "invalid-client": (
        TOKEN_PATH,
        _json(401, {"error": "invalid_client", "error_description": BODY_SECRET}),
        502,
    ),
    "no-id-token": (
        TOKEN_PATH,
        _json(200, {"access_token": BODY_SECRET, "token_type": "Bearer"}),
        502,
    ),
    "jwks-html": (JWKS_PATH, FakeResponse(200, f"<html>{BODY_SECRET}</html>"), 502),
    "jwks-timeout": (JWKS_PATH, requests.Timeout(BODY_SECRET), 502),
}


def _secrets(callback_url, transport):
    code = parse_qs(urlsplit(callback_url).query)["code"][0]
    found = [code, settings.OIDC_RP_CLIENT_SECRET, BODY_SECRET, BSN, "error_description"]
    for _method, _url, data, _auth in transport.calls:
        found += [str(value) for key, value in data.items() if key in ("code_verifier",)]
    return found


def _assert_failure_page(response, status, next_url="/mijn/"):
    assert response.status_code == status
    content = response.content.decode()
    assert "<title>Inloggen is niet gelukt" in content
    assert "Wat kunt u doen?" in content
    assert f'href="/mijn/inloggen/?next={next_url.replace("/", "%2F")}"' in content
    assert "Probeer opnieuw" in content


@pytest.mark.parametrize("failure", FAILURES)
def test_a_broker_failure_gives_a_dutch_page_and_a_clean_log(client, caplog, failure):
    caplog.set_level(logging.DEBUG)
    path, reply, status = FAILURES[failure]
    callback_url = choose_person(client, start_login(client, "/mijn/aanvragen/"), BSN)
    transport = Transport()
    transport.replies[path] = reply

    response = finish_login(client, callback_url, transport)

    _assert_failure_page(response, status, "/mijn/aanvragen/")
    assert SESSION_KEY not in client.session
    assert not Resident.objects.exists()
    assert any("Login failed" in record.getMessage() for record in caplog.records)
    for secret in _secrets(callback_url, transport):
        assert secret not in caplog.text, secret
        for record in caplog.records:
            assert secret not in str(record.args), secret
            assert record.exc_info is None or secret not in str(record.exc_info[1])


def test_a_code_that_expired_at_the_broker_is_invalid_grant_and_a_400(client, caplog, time_machine):
    caplog.set_level(logging.DEBUG)
    time_machine.move_to(timezone.now(), tick=False)
    callback_url = choose_person(client, start_login(client), BSN)
    time_machine.shift(dt.timedelta(minutes=2))
    transport = Transport()

    response = finish_login(client, callback_url, transport)

    _assert_failure_page(response, 400)
    assert "verlopen" in response.content.decode()
    assert "invalid_grant" in caplog.text
    for secret in _secrets(callback_url, transport):
        assert secret not in caplog.text, secret


@pytest.mark.parametrize(
    "headers", [{}, {"kid": "onbekende-sleutel"}], ids=["missing-kid", "unknown-kid"]
)
def test_an_id_token_without_a_known_kid_is_refused(client, caplog, monkeypatch, headers):
    caplog.set_level(logging.DEBUG)
    callback_url = choose_person(client, start_login(client), BSN)
    token = signed_id_token(headers=headers, nonce=pending_nonce(client), bsn=BSN)
    monkeypatch.setattr(
        "portal.auth.DigiDBackend.get_token",
        lambda self, payload: {"id_token": token, "access_token": "x"},
    )

    response = finish_login(client, callback_url)

    _assert_failure_page(response, 502)
    assert SESSION_KEY not in client.session
    assert token not in caplog.text
    assert token.split(".")[1] not in caplog.text


def test_a_token_that_is_not_a_jwt_is_refused(client, monkeypatch):
    callback_url = choose_person(client, start_login(client), BSN)
    monkeypatch.setattr(
        "portal.auth.DigiDBackend.get_token",
        lambda self, payload: {"id_token": "geen-jwt", "access_token": "x"},
    )

    _assert_failure_page(finish_login(client, callback_url), 502)


def test_userinfo_failures_are_handled_too(client, settings, caplog):
    caplog.set_level(logging.DEBUG)
    settings.OIDC_CLAIMS_SOURCE = "userinfo"
    callback_url = choose_person(client, start_login(client), BSN)
    transport = Transport()
    transport.replies[USERINFO_PATH] = FakeResponse(503, f"<html>{BODY_SECRET}</html>")

    response = finish_login(client, callback_url, transport)

    _assert_failure_page(response, 502)
    assert BODY_SECRET not in caplog.text


def test_tokens_from_a_successful_exchange_never_reach_the_log(client, caplog, monkeypatch):
    """A failure after the exchange (no BSN released) must not log the tokens it got."""
    caplog.set_level(logging.DEBUG)
    callback_url = choose_person(client, start_login(client), BSN)
    transport = Transport()
    original = transport.post
    tokens = []

    def post(url, **kwargs):
        response = original(url, **kwargs)
        if url.endswith(TOKEN_PATH):
            body = response.json()
            tokens.extend([body["access_token"], body["id_token"]])
        return response

    transport.post = post
    settings_bsn = "niet-bestaande-claim"
    monkeypatch.setattr(settings, "OIDC_BSN_CLAIM", settings_bsn)

    response = finish_login(client, callback_url, transport)

    _assert_failure_page(response, 502)
    assert tokens
    for token in tokens:
        assert token not in caplog.text


def test_an_error_from_the_broker_in_the_callback_gives_the_page(client):
    authorize_url = start_login(client)
    state = parse_qs(urlsplit(authorize_url).query)["state"][0]

    response = client.get("/mijn/inloggen/terug/", {"error": "server_error", "state": state})

    _assert_failure_page(response, 400)


def test_a_callback_after_the_session_ended_gives_the_page(client):
    callback_url = choose_person(client, start_login(client), BSN)
    client.cookies.clear()

    _assert_failure_page(finish_login(client, callback_url), 400)

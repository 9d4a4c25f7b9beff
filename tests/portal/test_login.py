import logging
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import SESSION_KEY

from contacts.crypto import bsn_hash
from contacts.models import Resident
from tests.portal.oidc import (
    choose_person,
    finish_login,
    login_with_digid,
    pending_nonce,
    signed_id_token,
    start_login,
)

pytestmark = pytest.mark.django_db
BSN = "999990019"


def _messages(response):
    return [str(m) for m in response.wsgi_request._messages]


def test_login_with_digid_creates_the_resident_and_opens_the_portal(client):
    response = login_with_digid(client, BSN)

    assert response.status_code == 302
    assert response["Location"] == "/mijn/"
    resident = Resident.objects.get(bsn_hash=bsn_hash(BSN))
    assert client.session[SESSION_KEY] == str(resident.user.pk)
    page = client.get("/mijn/")
    assert page.status_code == 200
    assert "Uitloggen" in page.content.decode()


def test_second_login_finds_the_same_resident(client):
    login_with_digid(client, BSN)
    client.logout()
    login_with_digid(client, BSN)

    assert Resident.objects.filter(bsn_hash=bsn_hash(BSN)).count() == 1


def test_login_gives_a_new_session_key(client):
    client.get("/mijn/inloggen/")
    before = client.session.session_key

    login_with_digid(client, BSN)

    assert client.session.session_key != before


def test_the_bsn_is_never_in_a_url_or_log_line(client, caplog):
    caplog.set_level(logging.DEBUG)
    authorize_url = start_login(client)
    callback_url = choose_person(client, authorize_url, BSN)
    response = finish_login(client, callback_url)

    for url in (authorize_url, callback_url, response["Location"]):
        assert BSN not in url
    assert BSN not in caplog.text
    for resident in Resident.objects.values():
        assert BSN not in str(resident)


def test_login_uses_pkce_and_a_nonce(client):
    query = parse_qs(urlsplit(start_login(client)).query)

    assert query["code_challenge_method"] == ["S256"]
    assert query["code_challenge"][0]
    assert query["nonce"][0]


def test_tampered_state_is_refused_without_a_session(client):
    callback_url = choose_person(client, start_login(client), BSN)
    tampered = callback_url.replace("state=", "state=X")

    response = finish_login(client, tampered)

    assert response.status_code == 400
    assert "Inloggen is niet gelukt" in response.content.decode()
    assert SESSION_KEY not in client.session
    assert not Resident.objects.exists()


def test_tampered_nonce_is_refused_without_a_session(client):
    callback_url = choose_person(client, start_login(client), BSN)
    session = client.session
    states = session["oidc_states"]
    for value in states.values():
        value["nonce"] = "een-andere-nonce"
    session["oidc_states"] = states
    session.save()

    response = finish_login(client, callback_url)

    assert response.status_code == 400
    assert SESSION_KEY not in client.session


def test_cancel_at_the_provider_returns_to_the_start_page_with_a_message(client):
    authorize_url = start_login(client)
    response = client.post(authorize_url, {"annuleren": "1", "bsn": ""})
    assert "error=access_denied" in response["Location"]

    response = finish_login(client, response["Location"])

    assert response["Location"] == "/"
    assert SESSION_KEY not in client.session
    assert "U heeft het inloggen met DigiD geannuleerd." in _messages(response)


@pytest.mark.parametrize(
    "overrides",
    [
        {"iss": "https://kwaadwillende-provider.example"},
        {"aud": "een-andere-client"},
        {"exp": int(time.time()) - 3600},
        {"bsn": "123456789"},
    ],
    ids=["wrong-issuer", "wrong-audience", "expired", "invalid-bsn"],
)
def test_id_token_with_wrong_claims_is_refused(client, overrides, monkeypatch):
    callback_url = choose_person(client, start_login(client), BSN)
    token = signed_id_token(nonce=pending_nonce(client), **{"bsn": BSN, **overrides})
    monkeypatch.setattr(
        "portal.auth.DigiDBackend.get_token",
        lambda self, payload: {"id_token": token, "access_token": "x"},
    )

    response = finish_login(client, callback_url)

    assert response.status_code == 502
    assert "Inloggen is niet gelukt" in response.content.decode()
    assert SESSION_KEY not in client.session
    assert not Resident.objects.exists()


def test_id_token_with_correct_claims_is_accepted(client, monkeypatch):
    """The control for the test above: the crafted token itself is fine."""
    callback_url = choose_person(client, start_login(client), BSN)
    token = signed_id_token(nonce=pending_nonce(client), bsn=BSN)
    monkeypatch.setattr(
        "portal.auth.DigiDBackend.get_token",
        lambda self, payload: {"id_token": token, "access_token": "x"},
    )

    response = finish_login(client, callback_url)

    assert response["Location"] == "/mijn/"
    assert SESSION_KEY in client.session


def test_logout_ends_the_session_and_goes_to_the_provider(client):
    login_with_digid(client, BSN)

    response = client.post("/mijn/uitloggen/")

    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == "/digid-mock/logout/"
    query = parse_qs(location.query)
    assert query["post_logout_redirect_uri"] == ["http://testserver/"]
    assert SESSION_KEY not in client.session
    assert client.get("/mijn/").status_code == 302


def test_the_bsn_is_not_in_the_session_or_the_logout_url(client):
    from django.contrib.sessions.models import Session

    login_with_digid(client, BSN)
    stored = repr([s.get_decoded() for s in Session.objects.all()])
    session = dict(client.session.items())

    location = client.post("/mijn/uitloggen/")["Location"]

    assert "oidc_id_token" not in session
    assert BSN not in repr(session)
    assert BSN not in stored
    assert "eyJ" not in stored  # no JWT at all
    assert "id_token_hint" not in location
    assert BSN not in location


def test_a_real_brokers_issuer_is_compared_exactly(settings):
    from portal.auth import expected_issuer

    settings.OIDC_OP_ISSUER = "https://broker.example.nl/"

    assert expected_issuer() == "https://broker.example.nl/"


def test_provider_logout_returns_to_the_start_page(client):
    login_with_digid(client, BSN)
    provider_logout = client.post("/mijn/uitloggen/")["Location"]

    response = client.get(provider_logout)

    assert response.status_code == 302
    assert response["Location"] == "http://testserver/"


BASIS = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"


@pytest.mark.parametrize(
    ("acr", "level", "status"),
    [
        (BASIS, "basis", 403),
        ("urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard", "substantieel", 200),
    ],
)
def test_the_level_chosen_at_the_mock_decides_which_forms_open(client, acr, level, status):
    from contacts.constants import SESSION_ASSURANCE_LEVEL
    from tests.cms.factories import make_home
    from tests.forms_app.factories import FormPageFactory

    page = FormPageFactory(parent=make_home(), minimum_assurance="midden")

    login_with_digid(client, BSN, level=acr)

    assert client.session[SESSION_ASSURANCE_LEVEL] == level
    assert client.get(page.url).status_code == status


def test_the_mock_offers_a_choice_of_level(client):
    page = client.get(start_login(client))

    content = page.content.decode()
    assert "Betrouwbaarheidsniveau" in content
    assert BASIS in content


def test_a_forged_host_does_not_change_where_the_secret_and_code_go(client, settings):
    """Endpoints given as paths are resolved against SITE_URL, never the Host header."""
    from tests.portal.oidc import Transport

    settings.SITE_URL = "http://127.0.0.1:8000"
    forged = {"HTTP_HOST": "127.0.0.1:9999"}
    callback_url = choose_person(client, start_login(client, **forged), BSN)
    transport = Transport()

    response = finish_login(client, callback_url, transport, **forged)

    assert response.status_code == 302
    assert transport.calls
    for _method, url, _data, _auth in transport.calls:
        assert urlsplit(url).netloc == "127.0.0.1:8000", url
    token_call = next(call for call in transport.calls if call[1].endswith("/token/"))
    assert token_call[2]["client_secret"] == settings.OIDC_RP_CLIENT_SECRET
    assert "code" in token_call[2]


def test_the_logout_url_of_a_mock_on_a_path_uses_the_site_url(client, settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    login_with_digid(client, BSN)

    location = client.post("/mijn/uitloggen/", HTTP_HOST="127.0.0.1:9999")["Location"]

    assert location.startswith("http://127.0.0.1:8000/digid-mock/logout/?")


def _form_action(response):
    directives = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    return directives["form-action"].split()


def test_form_action_allows_exactly_this_site_and_the_brokers_origin(client, settings):
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://broker.example.nl/oidc/authorize"
    settings.OIDC_OP_LOGOUT_ENDPOINT = "https://broker.example.nl/oidc/logout"
    # Server-to-server endpoints are no form targets.
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://intern.broker.example.nl:8443/token"

    response = client.get("/mijn/sessie-verlopen/")

    assert _form_action(response) == ["'self'", "https://broker.example.nl"]


def test_form_action_for_the_mock_on_a_path_is_the_site_url(client, settings):
    settings.SITE_URL = "http://127.0.0.1:8000"

    response = client.get("/mijn/sessie-verlopen/")

    assert _form_action(response) == ["'self'", "http://127.0.0.1:8000"]


def test_the_mock_allows_a_post_back_to_the_validated_client_only(client):
    page = client.get(start_login(client))

    assert _form_action(page) == ["'self'", "http://testserver", "http://127.0.0.1:8000"]


def test_resident_users_have_no_usable_password(client):
    login_with_digid(client, BSN)

    assert not Resident.objects.get().user.has_usable_password()


def test_a_password_session_of_a_resident_user_does_not_open_the_portal(client):
    """Say an administrator gave a resident's user a password: still no way into /mijn/."""
    login_with_digid(client, BSN)
    user = Resident.objects.get().user
    user.set_password("een-wachtwoord-12345")
    user.save()
    client.post("/mijn/uitloggen/")
    client.cookies.clear()

    client.post("/admin/login/", {"username": user.username, "password": "een-wachtwoord-12345"})
    assert client.session[SESSION_KEY] == str(user.pk)  # logged in, with a password
    response = client.get("/mijn/")

    assert response.status_code == 302
    assert response["Location"].startswith("/mijn/inloggen/?next=/mijn/")
    assert "Uitloggen" not in client.get("/").content.decode()


def test_after_a_password_session_the_oidc_login_opens_the_portal(client):
    login_with_digid(client, BSN)
    user = Resident.objects.get().user
    user.set_password("een-wachtwoord-12345")
    user.save()
    client.post("/mijn/uitloggen/")
    client.post("/admin/login/", {"username": user.username, "password": "een-wachtwoord-12345"})

    login_with_digid(client, BSN)

    assert client.get("/mijn/").status_code == 200

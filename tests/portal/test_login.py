import logging
import time
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from oauth2_provider.settings import oauth2_settings

from contacts.crypto import bsn_hash
from contacts.models import Resident
from tests.portal.oidc import choose_person, finish_login, login_with_digid, start_login

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

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert SESSION_KEY not in client.session
    assert "Inloggen met DigiD is niet gelukt. Probeer het opnieuw." in _messages(response)
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

    assert response["Location"] == "/"
    assert SESSION_KEY not in client.session


def test_cancel_at_the_provider_returns_to_the_start_page_with_a_message(client):
    authorize_url = start_login(client)
    response = client.post(authorize_url, {"annuleren": "1", "bsn": ""})
    assert "error=access_denied" in response["Location"]

    response = finish_login(client, response["Location"])

    assert response["Location"] == "/"
    assert SESSION_KEY not in client.session
    assert "U heeft het inloggen met DigiD geannuleerd." in _messages(response)


def _signed_token(**overrides):
    key = jwt.PyJWK.from_json(_public_jwk_json())
    claims = {
        "iss": "http://testserver/digid-mock",
        "aud": settings.OIDC_RP_CLIENT_ID,
        "sub": "1",
        "iat": int(time.time()),
        "exp": int(time.time()) + 300,
        "bsn": BSN,
        **overrides,
    }
    private_key = oauth2_settings.OIDC_RSA_PRIVATE_KEY
    return jwt.encode(claims, private_key, algorithm="RS256", headers={"kid": key.key_id}), claims


def _public_jwk_json():
    from jwcrypto import jwk

    key = jwk.JWK.from_pem(oauth2_settings.OIDC_RSA_PRIVATE_KEY.encode())
    return key.export_public()


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
    nonce = next(iter(client.session["oidc_states"].values()))["nonce"]
    token, _claims = _signed_token(nonce=nonce, **overrides)
    monkeypatch.setattr(
        "portal.auth.DigiDBackend.get_token",
        lambda self, payload: {"id_token": token, "access_token": "x"},
    )

    response = finish_login(client, callback_url)

    assert response["Location"] == "/"
    assert SESSION_KEY not in client.session
    assert not Resident.objects.exists()


def test_id_token_with_correct_claims_is_accepted(client, monkeypatch):
    """The control for the test above: the crafted token itself is fine."""
    callback_url = choose_person(client, start_login(client), BSN)
    nonce = next(iter(client.session["oidc_states"].values()))["nonce"]
    token, _claims = _signed_token(nonce=nonce)
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


def test_a_real_brokers_issuer_is_compared_exactly(settings, rf):
    from portal.auth import expected_issuer

    settings.OIDC_OP_ISSUER = "https://broker.example.nl/"

    assert expected_issuer(rf.get("/")) == "https://broker.example.nl/"


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
        ("urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard", "substantieel", 302),
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

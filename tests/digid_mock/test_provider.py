import base64
import hashlib
import importlib
import secrets
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import clear_url_caches

from digid_mock.validators import LOA_MIDDEN

pytestmark = pytest.mark.django_db
CALLBACK = "http://testserver/mijn/inloggen/terug/"


def _authorize_url(verifier="v" * 50, **extra):
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=")
    params = {
        "response_type": "code",
        "client_id": settings.OIDC_RP_CLIENT_ID,
        "redirect_uri": CALLBACK,
        "scope": "openid",
        "state": "staat123",
        "nonce": "nonce123",
        "code_challenge": challenge.decode(),
        "code_challenge_method": "S256",
        **extra,
    }
    return "/digid-mock/authorize/?" + urlencode(params)


def test_login_page_looks_like_digid_and_offers_demo_persons(client):
    content = client.get(_authorize_url()).content.decode()

    assert "DigiD" in content
    assert "Testomgeving" in content
    for person in settings.DIGID_MOCK_PERSONS:
        assert person["name"] in content
    assert 'name="bsn"' in content
    assert "Annuleren" in content


@pytest.mark.parametrize(
    ("bsn", "message"),
    [
        ("123456789", "Dit is geen geldig burgerservicenummer. Controleer de cijfers."),
        ("12345", "Een burgerservicenummer bestaat uit 9 cijfers."),
        ("abcdefghi", "Een burgerservicenummer bestaat uit 9 cijfers."),
        ("", "Vul een burgerservicenummer in."),
    ],
)
def test_invalid_bsn_gets_a_dutch_error_and_no_login(client, bsn, message):
    response = client.post(_authorize_url(), {"bsn": bsn})

    assert response.status_code == 400
    content = response.content.decode()
    assert message in content
    assert "<title>Fout: " in content
    from oauth2_provider.models import Grant

    assert not Grant.objects.exists()


def test_authorization_without_pkce_is_refused(client):
    url = _authorize_url()
    url = url.replace("code_challenge=", "x=").replace("code_challenge_method=S256", "")

    response = client.post(url, {"bsn": "999990019"})

    location = response.get("Location", "")
    assert "code=" not in location
    assert "error=" in location or response.status_code == 400


def test_unregistered_redirect_uri_is_never_followed(client):
    response = client.get(_authorize_url(redirect_uri="https://evil.example/terug/"))

    assert response.status_code == 400
    assert "evil.example" not in response.get("Location", "")


def test_id_token_carries_bsn_and_level_of_assurance():
    browser = Client()
    verifier = secrets.token_urlsafe(48)
    response = browser.post(_authorize_url(verifier=verifier), {"bsn": "999990020"})
    code = parse_qs(urlsplit(response["Location"]).query)["code"][0]

    token_response = Client().post(
        "/digid-mock/token/",
        {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": CALLBACK,
            "client_id": settings.OIDC_RP_CLIENT_ID,
            "client_secret": settings.OIDC_RP_CLIENT_SECRET,
            "code_verifier": verifier,
        },
    )

    assert token_response.status_code == 200, token_response.content
    id_token = token_response.json()["id_token"]
    assert jwt.get_unverified_header(id_token)["alg"] == "RS256"
    claims = jwt.decode(id_token, options={"verify_signature": False})
    assert claims["bsn"] == "999990020"
    assert claims["acr"] == LOA_MIDDEN
    assert claims["aud"] == settings.OIDC_RP_CLIENT_ID
    assert claims["iss"] == "http://testserver/digid-mock"
    assert claims["nonce"] == "nonce123"


def test_token_exchange_with_wrong_verifier_is_refused():
    response = Client().post(_authorize_url(verifier="a" * 50), {"bsn": "999990020"})
    code = parse_qs(urlsplit(response["Location"]).query)["code"][0]

    token_response = Client().post(
        "/digid-mock/token/",
        {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": CALLBACK,
            "client_id": settings.OIDC_RP_CLIENT_ID,
            "client_secret": settings.OIDC_RP_CLIENT_SECRET,
            "code_verifier": "b" * 50,
        },
    )

    assert token_response.status_code == 400


def test_discovery_document_names_the_endpoints(client):
    config = client.get("/digid-mock/.well-known/openid-configuration").json()

    assert config["issuer"] == "http://testserver/digid-mock"
    assert config["authorization_endpoint"] == "http://testserver/digid-mock/authorize/"
    assert "RS256" in config["id_token_signing_alg_values_supported"]


def test_signing_key_is_kept_out_of_git():
    key_file = settings.DIGID_MOCK_KEY_FILE
    assert key_file.exists()
    assert key_file.is_relative_to(settings.VAR_DIR)
    gitignore = (settings.BASE_DIR / ".gitignore").read_text().split()
    assert "var/" in gitignore


def test_mock_is_not_mounted_when_disabled(client):
    import config.urls

    with override_settings(DIGID_MOCK_ENABLED=False):
        clear_url_caches()
        importlib.reload(config.urls)
        try:
            response = client.get("/digid-mock/.well-known/openid-configuration")
        finally:
            pass
    clear_url_caches()
    importlib.reload(config.urls)

    assert response.status_code == 404

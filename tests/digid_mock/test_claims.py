"""The mock can behave like different brokers, and log in a business (eHerkenning)."""

import base64
import hashlib
import secrets
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db
CALLBACK = "http://testserver/mijn/inloggen/terug/"
BSN = "999990020"


def _authorize_url(verifier, scope="openid"):
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=")
    params = {
        "response_type": "code",
        "client_id": settings.OIDC_RP_CLIENT_ID,
        "redirect_uri": CALLBACK,
        "scope": scope,
        "state": "staat123",
        "nonce": "nonce123",
        "code_challenge": challenge.decode(),
        "code_challenge_method": "S256",
    }
    return "/digid-mock/authorize/?" + urlencode(params)


def _log_in(data, scope="openid"):
    """Log in at the mock and exchange the code: (ID token claims, userinfo reply)."""
    verifier = secrets.token_urlsafe(48)
    response = Client().post(_authorize_url(verifier, scope), data)
    assert response.status_code == 302, response.content.decode()[:500]
    code = parse_qs(urlsplit(response["Location"]).query)["code"][0]
    tokens = (
        Client()
        .post(
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
        .json()
    )
    claims = jwt.decode(tokens["id_token"], options={"verify_signature": False})
    userinfo = (
        Client()
        .get("/digid-mock/userinfo/", HTTP_AUTHORIZATION=f"Bearer {tokens['access_token']}")
        .json()
    )
    return claims, userinfo


@pytest.mark.parametrize(
    ("claims_in", "in_id_token", "in_userinfo"),
    [("both", True, True), ("id_token", True, False), ("userinfo", False, True)],
)
def test_where_the_bsn_is_released(settings, claims_in, in_id_token, in_userinfo):
    settings.DIGID_MOCK_CLAIMS_IN = claims_in

    claims, userinfo = _log_in({"bsn": BSN})

    assert ("bsn" in claims) is in_id_token
    assert ("bsn" in userinfo) is in_userinfo
    assert userinfo["sub"] == claims["sub"]
    # The level is an ID token claim wherever the identity goes.
    assert "acr" in claims


@pytest.mark.parametrize(("scope", "released"), [("openid", False), ("openid bsn", True)])
def test_the_bsn_only_for_its_own_scope(settings, scope, released):
    settings.DIGID_MOCK_BSN_SCOPE = "bsn"

    claims, userinfo = _log_in({"bsn": BSN}, scope=scope)

    assert ("bsn" in claims) is released
    assert ("bsn" in userinfo) is released


def test_nested_claims(settings):
    settings.DIGID_MOCK_NESTED = "attributes"

    claims, userinfo = _log_in({"bsn": BSN})

    assert "bsn" not in claims
    assert claims["attributes"] == {"bsn": BSN}
    assert userinfo["attributes"] == {"bsn": BSN}


def test_a_business_logs_in_with_kvk_and_branch():
    claims, _userinfo = _log_in(
        {"methode": "eherkenning", "kvk": "68750110", "vestiging": "000038509504"}
    )

    assert claims["kvk"] == "68750110"
    assert claims["vestiging"] == "000038509504"
    assert claims["acr"] == "urn:etoegang:core:assurance-class:loa3"
    assert "bsn" not in claims


def test_a_demo_business_button():
    claims, _userinfo = _log_in({"methode": "eherkenning", "bedrijf": "68750110-"})

    assert claims["kvk"] == "68750110"
    assert "vestiging" not in claims


def test_the_kvk_number_only_for_its_own_scope(settings):
    settings.DIGID_MOCK_KVK_SCOPE = "kvk"

    without, _userinfo = _log_in({"methode": "eherkenning", "kvk": "68750110"})
    with_scope, _userinfo = _log_in(
        {"methode": "eherkenning", "kvk": "68750110"}, scope="openid kvk"
    )

    assert "kvk" not in without
    assert with_scope["kvk"] == "68750110"


def test_the_login_page_offers_a_business_login(client):
    content = client.get(_authorize_url("v" * 50)).content.decode()

    assert "Inloggen als bedrijf (eHerkenning)" in content
    assert 'name="kvk"' in content
    assert "Vestigingsnummer (niet verplicht)" in content
    for business in settings.DIGID_MOCK_BUSINESSES:
        assert business["name"] in content
    assert content.count(">Annuleren</button>") == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kvk": "1234"}, "Een KvK-nummer bestaat uit 8 cijfers."),
        ({"kvk": ""}, "Vul een KvK-nummer in."),
        ({"kvk": "68750110", "vestiging": "12"}, "Een vestigingsnummer bestaat uit 12 cijfers."),
    ],
)
def test_a_wrong_kvk_number_gets_a_dutch_error(client, data, message):
    response = client.post(_authorize_url("v" * 50), {"methode": "eherkenning", **data})

    assert response.status_code == 400
    content = response.content.decode()
    assert message in content
    assert "<title>Fout: " in content


def test_the_login_page_may_post_back_to_the_client_on_another_origin(client):
    response = client.get(_authorize_url("v" * 50))

    assert "form-action 'self' http://testserver" in response["Content-Security-Policy"]

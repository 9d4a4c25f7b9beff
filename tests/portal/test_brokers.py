"""Brokers differ: which scope releases the BSN, where the claims come from, how they are named.

The mock provider is set up like each kind of broker (DIGID_MOCK_*) and the portal is
configured for it (OIDC_*); a login works exactly when the two agree.
"""

import itertools
import json
import os
import subprocess
import sys

import pytest
from django.contrib.auth import SESSION_KEY

from contacts.constants import SESSION_ASSURANCE_LEVEL
from contacts.crypto import bsn_hash
from contacts.models import Resident
from portal.auth import claim
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

BROKERS = [
    pytest.param(
        claims_in,
        bsn_scope,
        nested,
        id=f"mock:{claims_in}-{bsn_scope or 'openid'}-{nested or 'flat'}",
    )
    for claims_in, bsn_scope, nested in itertools.product(
        ["both", "id_token", "userinfo"], ["", "bsn"], ["", "attributes"]
    )
]
PORTALS = [
    pytest.param(
        source, scopes, bsn_claim, id=f"portal:{source}-{scopes.replace(' ', '+')}-{bsn_claim}"
    )
    for source, scopes, bsn_claim in itertools.product(
        ["id_token", "userinfo"], ["openid", "openid bsn"], ["bsn", "attributes.bsn"]
    )
]


@pytest.mark.parametrize(("claims_in", "bsn_scope", "nested"), BROKERS)
@pytest.mark.parametrize(("source", "scopes", "bsn_claim"), PORTALS)
def test_login_works_exactly_when_the_portal_is_configured_like_the_broker(
    client, settings, claims_in, bsn_scope, nested, source, scopes, bsn_claim
):
    settings.DIGID_MOCK_CLAIMS_IN = claims_in
    settings.DIGID_MOCK_BSN_SCOPE = bsn_scope
    settings.DIGID_MOCK_NESTED = nested
    settings.OIDC_CLAIMS_SOURCE = source
    settings.OIDC_RP_SCOPES = scopes
    settings.OIDC_BSN_CLAIM = bsn_claim
    agrees = (
        claims_in in ("both", source)
        and (not bsn_scope or bsn_scope in scopes.split())
        and bsn_claim == ("attributes.bsn" if nested else "bsn")
    )

    response = login_with_digid(client, BSN)

    if agrees:
        assert response.status_code == 302
        assert response["Location"] == "/mijn/"
        assert client.get("/mijn/").status_code == 200
        assert Resident.objects.filter(bsn_hash=bsn_hash(BSN)).exists()
    else:
        assert response.status_code == 502
        assert "Inloggen is niet gelukt" in response.content.decode()
        assert SESSION_KEY not in client.session
        assert not Resident.objects.exists()


def test_the_login_asks_the_broker_for_the_configured_scopes(client, settings):
    settings.OIDC_RP_SCOPES = "openid bsn"

    authorize_url = start_login(client)

    assert "scope=openid+bsn" in authorize_url


def test_userinfo_about_someone_else_is_refused(client, settings, monkeypatch):
    """OIDC Core 5.3.2: the userinfo reply must be about the ID token's subject."""
    settings.OIDC_CLAIMS_SOURCE = "userinfo"
    callback_url = choose_person(client, start_login(client), BSN)
    monkeypatch.setattr(
        "portal.auth.DigiDBackend.get_userinfo",
        lambda self, access_token, id_token, payload: {"sub": "iemand-anders", "bsn": BSN},
    )

    response = finish_login(client, callback_url)

    assert response.status_code == 502
    assert not Resident.objects.exists()


def test_the_level_may_come_from_the_id_token_when_userinfo_lacks_it(client, settings):
    settings.DIGID_MOCK_CLAIMS_IN = "userinfo"
    settings.OIDC_CLAIMS_SOURCE = "userinfo"

    login_with_digid(client, BSN, level="urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard")

    assert client.session[SESSION_ASSURANCE_LEVEL] == "substantieel"


def _login_with_token(client, monkeypatch, **claims):
    callback_url = choose_person(client, start_login(client), BSN)
    token = signed_id_token(nonce=pending_nonce(client), **claims)
    monkeypatch.setattr(
        "portal.auth.DigiDBackend.get_token",
        lambda self, payload: {"id_token": token, "access_token": "x"},
    )
    return finish_login(client, callback_url)


def test_claim_names_with_dots_of_their_own_are_read_whole(client, settings, monkeypatch):
    """eHerkenning brokers name attributes as URNs, dots included."""
    settings.OIDC_KVK_CLAIM = "urn:etoegang:1.9:EntityConcernedID:KvKnr"
    settings.OIDC_LOA_CLAIM = "urn:etoegang:core:LevelOfAssurance"

    response = _login_with_token(
        client,
        monkeypatch,
        **{
            "urn:etoegang:1.9:EntityConcernedID:KvKnr": "68750110",
            "urn:etoegang:core:LevelOfAssurance": "urn:etoegang:core:assurance-class:loa3",
        },
    )

    assert response["Location"] == "/mijn/"
    assert Resident.objects.get().kvk_number == "68750110"
    assert client.session[SESSION_ASSURANCE_LEVEL] == "substantieel"


@pytest.mark.parametrize(
    ("claims", "path", "value"),
    [
        ({"bsn": "1"}, "bsn", "1"),
        ({"attributes": {"bsn": "1"}}, "attributes.bsn", "1"),
        ({"a": {"b": {"c": "1"}}}, "a.b.c", "1"),
        ({"urn:nl:1.9:bsn": "1"}, "urn:nl:1.9:bsn", "1"),
        ({"attributes": "geen object"}, "attributes.bsn", None),
        ({}, "attributes.bsn", None),
        ({"bsn": "1"}, "", None),
    ],
)
def test_claim_paths(claims, path, value):
    assert claim(claims, path) == value


def test_a_brokers_own_acr_values_are_mapped_by_setting(client, settings, monkeypatch):
    settings.OIDC_LOA_MAP = {**settings.OIDC_LOA_MAP, "urn:broker:digid:midden": "midden"}

    _login_with_token(client, monkeypatch, bsn=BSN, acr="urn:broker:digid:midden")

    assert client.session[SESSION_ASSURANCE_LEVEL] == "midden"


def _settings_value(name, **environ):
    code = f"from django.conf import settings; import json; print(json.dumps(settings.{name}))"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", **environ}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return result


def test_the_level_map_is_settable_from_the_environment_as_json():
    result = _settings_value(
        "OIDC_LOA_MAP", OIDC_LOA_MAP=json.dumps({"urn:broker:digid:midden": "midden"})
    )

    assert result.returncode == 0, result.stderr
    mapping = json.loads(result.stdout)
    assert mapping["urn:broker:digid:midden"] == "midden"
    # The standard DigiD and eHerkenning values stay.
    assert mapping["urn:etoegang:core:assurance-class:loa3"] == "substantieel"


def test_a_level_map_that_is_not_json_stops_the_start():
    result = _settings_value("OIDC_LOA_MAP", OIDC_LOA_MAP="midden")

    assert result.returncode != 0
    assert "OIDC_LOA_MAP must be a JSON object" in result.stderr


BASIS = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
MIDDEN = "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract"


@pytest.mark.parametrize(
    ("minimum", "acr", "status"),
    [("midden", BASIS, 403), ("midden", MIDDEN, 200), ("", BASIS, 200), ("basis", BASIS, 200)],
)
def test_the_portal_minimum_level(client, settings, minimum, acr, status):
    settings.PORTAL_MINIMUM_ASSURANCE = minimum
    login_with_digid(client, BSN, level=acr)

    response = client.get("/mijn/")

    assert response.status_code == status
    if status == 403:
        content = response.content.decode()
        assert "U moet inloggen met een hoger niveau" in content
        assert "U bent nu ingelogd op niveau Basis" in content
        assert "/mijn/inloggen/?next=/mijn/" in content


def test_an_unknown_level_is_below_the_minimum(client, settings, monkeypatch):
    settings.PORTAL_MINIMUM_ASSURANCE = "basis"
    _login_with_token(client, monkeypatch, bsn=BSN, acr="urn:onbekend")

    response = client.get("/mijn/")

    assert response.status_code == 403
    assert "Wij weten niet op welk niveau u nu bent ingelogd" in response.content.decode()


def test_extra_parameters_for_the_brokers_login_page(client, settings):
    settings.OIDC_AUTH_REQUEST_EXTRA_PARAMS = {"acr_values": MIDDEN}

    authorize_url = start_login(client)

    assert "acr_values=urn%3Aoasis%3Anames%3Atc%3ASAML%3A2.0%3Aac%3Aclasses%3AMobile" in (
        authorize_url
    )

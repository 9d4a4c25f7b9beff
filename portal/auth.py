"""Login through any standard OpenID Connect broker for DigiD and eHerkenning (the mock in
development).

mozilla-django-oidc verifies the signature and the nonce but neither the issuer nor the
audience of the ID token; ``DigiDBackend`` adds both (and requires an expiry), reads the BSN
or KvK number from the ID token or the userinfo reply (``OIDC_CLAIMS_SOURCE``, claim names as
settings, a dotted path for a nested claim) and maps it to a resident through
``contacts.services``. Every way the broker can fail becomes a ``LoginFailed`` with a reason
of our own words: the broker's reply, the code and the tokens never reach a log line.
"""

import logging
from functools import lru_cache
from urllib.parse import urlencode, urljoin, urlsplit

import jwt
import requests
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from contacts.constants import AssuranceLevel
from contacts.crypto import bsn_encrypt, is_valid_bsn
from contacts.kvk import is_valid_branch, is_valid_kvk
from contacts.services import resident_login_business, resident_login_user

logger = logging.getLogger(__name__)

REQUIRED_CLAIMS = ["iss", "aud", "exp", "iat", "sub"]
# RFC 6749 section 5.2: safe to log, they carry no data of the resident.
TOKEN_ERRORS = {
    "invalid_request",
    "invalid_client",
    "invalid_grant",
    "unauthorized_client",
    "unsupported_grant_type",
    "invalid_scope",
}


class LoginFailed(Exception):
    """A login that cannot finish. ``reason`` is written by us, for the log only."""

    def __init__(self, reason: str, status: int = 502):
        super().__init__(reason)
        self.reason = reason
        self.status = status


def server_url(url: str) -> str:
    """Endpoints given as paths belong to this site (the built-in mock provider).

    Resolved against ``SITE_URL``, never the request: a forged Host header must not decide
    where the client secret and the code are sent.
    """
    return urljoin(settings.SITE_URL, url) if url.startswith("/") else url


def expected_issuer() -> str:
    """A real broker's issuer is compared exactly as configured; the mock's path is resolved."""
    issuer = settings.OIDC_OP_ISSUER
    return server_url(issuer).rstrip("/") if issuer.startswith("/") else issuer


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def broker_origins() -> list[str]:
    """Where the browser is sent by a form (login after a POST, logout): the CSP form-action."""
    return list(
        _broker_origins(
            settings.SITE_URL,
            settings.OIDC_OP_AUTHORIZATION_ENDPOINT,
            settings.OIDC_OP_LOGOUT_ENDPOINT,
        )
    )


@lru_cache(maxsize=16)
def _broker_origins(site_url, *endpoints) -> tuple[str, ...]:
    # Every response's CSP names them: worked out once per configuration (the arguments are
    # all it reads).
    return tuple(sorted({_origin(server_url(url)) for url in endpoints if url}))


def claim(claims: dict, path: str):
    """A claim by name, or by a dotted path into nested objects ("attributes.bsn").

    A name that itself contains dots (``urn:etoegang:1.9:...``) is tried as a whole first.
    """
    if not path:
        return None
    if path in claims:
        return claims[path]
    value = claims
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def assurance_level(acr: str) -> str:
    """The broker's ``acr`` value as basis/midden/substantieel/hoog (OIDC_LOA_MAP)."""
    level = settings.OIDC_LOA_MAP.get(acr, acr)
    return level if level in AssuranceLevel.values else AssuranceLevel.NONE


class DigiDBackend(OIDCAuthenticationBackend):
    def authenticate(self, request, **kwargs):
        # Only the callback view passes a nonce: a password form never reaches the broker.
        if request is None or "nonce" not in kwargs:
            return None
        self.OIDC_OP_TOKEN_ENDPOINT = server_url(settings.OIDC_OP_TOKEN_ENDPOINT)
        self.OIDC_OP_USER_ENDPOINT = server_url(settings.OIDC_OP_USER_ENDPOINT)
        self.OIDC_OP_JWKS_ENDPOINT = server_url(settings.OIDC_OP_JWKS_ENDPOINT)
        try:
            return super().authenticate(request, **kwargs)
        except LoginFailed:
            raise
        # ``from None`` everywhere: a chained exception could carry the broker's reply.
        except requests.Timeout:
            raise LoginFailed("the broker did not answer in time") from None
        except requests.HTTPError as exc:
            status = getattr(exc.response, "status_code", "?")
            raise LoginFailed(f"the broker answered HTTP {status}") from None
        except requests.RequestException as exc:
            # Includes replies that are not JSON (requests' JSONDecodeError).
            raise LoginFailed(f"no usable reply from the broker ({type(exc).__name__})") from None
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise LoginFailed(f"no usable reply from the broker ({type(exc).__name__})") from None
        except jwt.PyJWTError as exc:
            raise LoginFailed(f"ID token unreadable ({type(exc).__name__})") from None
        except SuspiciousOperation as exc:
            # Our own and mozilla-django-oidc's messages name the check, never a value.
            raise LoginFailed(str(exc), status=400) from None

    def raise_token_response_error(self, response):
        if response.status_code == 200:
            return
        try:
            error = response.json().get("error", "")
        except (ValueError, AttributeError):
            error = ""
        error = error if error in TOKEN_ERRORS else "unknown error"
        # An expired or already used code: the resident can simply try again.
        status = 400 if error == "invalid_grant" else 502
        raise LoginFailed(
            f"token endpoint refused: HTTP {response.status_code}, {error}", status=status
        )

    def get_token(self, payload):
        token_info = super().get_token(payload)
        if not isinstance(token_info, dict) or not token_info.get("id_token"):
            raise LoginFailed("the token reply has no id_token")
        return token_info

    def retrieve_matching_jwk(self, token):
        if not jwt.get_unverified_header(token).get("kid"):
            raise LoginFailed("the ID token names no signing key (kid)")
        try:
            return super().retrieve_matching_jwk(token)
        except SuspiciousOperation:
            raise LoginFailed("the broker does not publish the ID token's signing key") from None

    def get_payload_data(self, token, key):
        header = jwt.get_unverified_header(token)
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise LoginFailed("ID token algorithm does not match OIDC_RP_SIGN_ALGO")
        try:
            return jwt.decode(
                token,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=expected_issuer(),
                options={"require": REQUIRED_CLAIMS},
                leeway=30,
            )
        except jwt.InvalidTokenError as exc:
            raise LoginFailed(f"ID token refused: {type(exc).__name__}") from None

    def identity_claims(self, access_token, id_token, payload) -> dict:
        if settings.OIDC_CLAIMS_SOURCE != "userinfo":
            return payload
        userinfo = self.get_userinfo(access_token, id_token, payload)
        if not isinstance(userinfo, dict):
            raise LoginFailed("the userinfo reply is not an object")
        # OIDC Core 5.3.2: a userinfo reply about someone else must not be used.
        if userinfo.get("sub") != payload.get("sub"):
            raise LoginFailed("userinfo sub differs from the ID token")
        return userinfo

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.identity_claims(access_token, id_token, payload)
        # acr is an ID token claim (OIDC Core 2); a broker may repeat it in userinfo.
        acr = claim(claims, settings.OIDC_LOA_CLAIM) or claim(payload, settings.OIDC_LOA_CLAIM)
        level = assurance_level(str(acr or ""))
        kvk = str(claim(claims, settings.OIDC_KVK_CLAIM) or "")
        if kvk:
            if not is_valid_kvk(kvk):
                raise LoginFailed("the KvK number claim is not 8 digits")
            branch = str(claim(claims, settings.OIDC_BRANCH_CLAIM) or "")
            if branch and not is_valid_branch(branch):
                raise LoginFailed("the branch number claim is not 12 digits")
            # What the branch login may see follows from its own user (resident_for_user).
            self.request.portal_login = {"level": level, "method": "eherkenning"}
            return resident_login_business(kvk=kvk, branch=branch)
        bsn = str(claim(claims, settings.OIDC_BSN_CLAIM) or "")
        if not is_valid_bsn(bsn):
            raise LoginFailed("the broker released no valid BSN or KvK claim")
        self.request.portal_login = {
            "level": level,
            "method": "digid",
            "bsn_token": bsn_encrypt(bsn),
        }
        return resident_login_user(bsn=bsn)


def provider_logout_url(request) -> str:
    """End the session at the provider too (RP-initiated logout), then come back home."""
    # No id_token_hint: the ID token holds the BSN and would end up in browser history.
    params = {
        "client_id": settings.OIDC_RP_CLIENT_ID,
        "post_logout_redirect_uri": request.build_absolute_uri(settings.LOGOUT_REDIRECT_URL),
    }
    return server_url(settings.OIDC_OP_LOGOUT_ENDPOINT) + "?" + urlencode(params)

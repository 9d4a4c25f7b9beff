"""DigiD login through any standard OpenID Connect provider (the mock in development).

mozilla-django-oidc verifies the signature and the nonce but neither the issuer nor the
audience of the ID token; ``DigiDBackend`` adds both (and requires an expiry), then maps the
BSN claim to a resident through its keyed hash. The BSN never reaches a log line.
"""

import logging
from urllib.parse import urlencode

import jwt
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from contacts.constants import SESSION_ASSURANCE_LEVEL, SESSION_BSN_TOKEN, AssuranceLevel
from contacts.crypto import bsn_encrypt, is_valid_bsn
from contacts.services import resident_login_user

logger = logging.getLogger(__name__)

SESSION_LOA = "portal_level_of_assurance"
REQUIRED_CLAIMS = ["iss", "aud", "exp", "iat", "sub"]


def absolute(request, url: str) -> str:
    """Endpoints given as paths belong to this site (the built-in mock provider)."""
    return request.build_absolute_uri(url) if url.startswith("/") else url


def expected_issuer(request) -> str:
    """A real broker's issuer is compared exactly as configured; the mock's path is resolved."""
    issuer = settings.OIDC_OP_ISSUER
    return absolute(request, issuer).rstrip("/") if issuer.startswith("/") else issuer


class DigiDBackend(OIDCAuthenticationBackend):
    def authenticate(self, request, **kwargs):
        if request is None:
            return None
        self.OIDC_OP_TOKEN_ENDPOINT = absolute(request, settings.OIDC_OP_TOKEN_ENDPOINT)
        self.OIDC_OP_USER_ENDPOINT = absolute(request, settings.OIDC_OP_USER_ENDPOINT)
        self.OIDC_OP_JWKS_ENDPOINT = absolute(request, settings.OIDC_OP_JWKS_ENDPOINT)
        try:
            return super().authenticate(request, **kwargs)
        except SuspiciousOperation as exc:
            # The message names the failed check, never a claim value.
            logger.warning("DigiD login refused: %s", exc)
            return None

    def get_payload_data(self, token, key):
        header = jwt.get_unverified_header(token)
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation("ID token algorithm does not match OIDC_RP_SIGN_ALGO.")
        try:
            return jwt.decode(
                token,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=expected_issuer(self.request),
                options={"require": REQUIRED_CLAIMS},
                leeway=30,
            )
        except jwt.InvalidTokenError as exc:
            raise SuspiciousOperation(f"ID token refused: {type(exc).__name__}.") from exc

    def get_or_create_user(self, access_token, id_token, payload):
        """Use the verified ID token's claims; the BSN is in there, no userinfo call needed."""
        bsn = str(payload.get(settings.OIDC_BSN_CLAIM, ""))
        if not is_valid_bsn(bsn):
            raise SuspiciousOperation("ID token carries no valid BSN claim.")
        acr = str(payload.get(settings.OIDC_LOA_CLAIM, ""))
        self.request.session[SESSION_LOA] = acr
        self.request.session[SESSION_ASSURANCE_LEVEL] = assurance_level(acr)
        self.request.session[SESSION_BSN_TOKEN] = bsn_encrypt(bsn)
        return resident_login_user(bsn=bsn)


def assurance_level(acr: str) -> str:
    """The broker's ``acr`` value as basis/midden/substantieel/hoog (OIDC_LOA_MAP)."""
    level = settings.OIDC_LOA_MAP.get(acr, acr)
    return level if level in AssuranceLevel.values else AssuranceLevel.NONE


def provider_logout_url(request) -> str:
    """End the session at the provider too (RP-initiated logout), then come back home."""
    # No id_token_hint: the ID token holds the BSN and would end up in browser history.
    params = {
        "client_id": settings.OIDC_RP_CLIENT_ID,
        "post_logout_redirect_uri": request.build_absolute_uri(settings.LOGOUT_REDIRECT_URL),
    }
    return absolute(request, settings.OIDC_OP_LOGOUT_ENDPOINT) + "?" + urlencode(params)

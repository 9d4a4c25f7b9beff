"""The claims the mock releases, shaped like a chosen broker's (settings ``DIGID_MOCK_*``).

``DIGID_MOCK_CLAIMS_IN``: "both" (default), "id_token" or "userinfo" — where the identity
claims (bsn, kvk, vestiging) go. ``DIGID_MOCK_BSN_SCOPE`` / ``DIGID_MOCK_KVK_SCOPE``: the
scope the client must ask for to get them ("" = openid). ``DIGID_MOCK_NESTED``: an object to
put them in ("attributes" gives ``{"attributes": {"bsn": ...}}``), "" for flat claims.
"""

from django.conf import settings
from oauth2_provider.oauth2_validators import OAuth2Validator

from digid_mock.identities import identity_of

# DigiD's levels of assurance as SAML URNs; the tester picks one, "midden" by default.
LOA_MIDDEN = "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract"
IDENTITY_CLAIMS = ("bsn", "kvk", "vestiging")


def _setting(name, default=""):
    return getattr(settings, name, default)


class DigiDValidator(OAuth2Validator):
    @property
    def oidc_claim_scope(self):
        # django-oauth-toolkit drops any claim that is not mapped to a granted scope.
        bsn_scope = _setting("DIGID_MOCK_BSN_SCOPE") or "openid"
        kvk_scope = _setting("DIGID_MOCK_KVK_SCOPE") or "openid"
        return {
            **OAuth2Validator.oidc_claim_scope,
            "bsn": bsn_scope,
            "kvk": kvk_scope,
            "vestiging": kvk_scope,
            "acr": "openid",
        }

    def get_additional_claims(self, request):
        claims = identity_of(request.user)
        claims["acr"] = claims["acr"] or LOA_MIDDEN
        return claims

    def get_oidc_claims(self, token, token_handler, request):
        claims = super().get_oidc_claims(token, token_handler, request)
        nested = _setting("DIGID_MOCK_NESTED")
        if nested:
            inner = {key: claims.pop(key) for key in IDENTITY_CLAIMS if key in claims}
            if inner:
                claims[nested] = inner
        return claims

    def _without_identity(self, claims):
        for key in (*IDENTITY_CLAIMS, _setting("DIGID_MOCK_NESTED")):
            claims.pop(key, None)
        return claims

    def get_id_token_dictionary(self, token, token_handler, request):
        claims, expiration_time = super().get_id_token_dictionary(token, token_handler, request)
        if _setting("DIGID_MOCK_CLAIMS_IN", "both") == "userinfo":
            claims = self._without_identity(claims)
        return claims, expiration_time

    def get_userinfo_claims(self, request):
        claims = super().get_userinfo_claims(request)
        if _setting("DIGID_MOCK_CLAIMS_IN", "both") == "id_token":
            claims = self._without_identity(claims)
        return claims

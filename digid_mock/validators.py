from oauth2_provider.oauth2_validators import OAuth2Validator

from digid_mock.identities import bsn_of, level_of

# DigiD's levels of assurance as SAML URNs; the tester picks one, "midden" by default.
LOA_MIDDEN = "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract"


class DigiDValidator(OAuth2Validator):
    # django-oauth-toolkit drops any claim that is not mapped to a granted scope.
    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "bsn": "openid", "acr": "openid"}

    def get_additional_claims(self, request):
        return {"bsn": bsn_of(request.user), "acr": level_of(request.user) or LOA_MIDDEN}

from ninja.security import HttpBearer

from contacts.models import ApiToken
from contacts.services import api_token_mark_used
from ops import ratelimits

# Longer than any key we hand out; longer input is not even hashed.
MAX_KEY_LENGTH = 200


def check_rate(request, api_token: ApiToken) -> None:
    """Count this call against the key's limit (RATE_LIMITS["webcare"]); raise when over it."""
    ratelimits.check(request, "webcare", key=lambda group, request: f"api-token:{api_token.pk}")


class ApiKeyAuth(HttpBearer):
    """Authorization: Bearer <key>. The key is looked up by its SHA-256; revoked keys fail."""

    def authenticate(self, request, token):
        # Per address first: guessing keys is limited too.
        ratelimits.check(request, "api")
        token = token.strip()
        if not token or len(token) > MAX_KEY_LENGTH:
            return None
        api_token = (
            ApiToken.objects.active()
            .select_related("team")
            .filter(key_hash=ApiToken.hash_key(token))
            .first()
        )
        if api_token is None:
            return None
        check_rate(request, api_token)
        api_token_mark_used(api_token=api_token)
        return api_token

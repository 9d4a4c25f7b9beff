from django.conf import settings
from django_ratelimit.core import get_usage
from ninja.security import HttpBearer

from contacts.models import ApiToken
from contacts.services import api_token_mark_used

# Longer than any key we hand out; longer input is not even hashed.
MAX_KEY_LENGTH = 200


class RateLimited(Exception):
    def __init__(self, retry_after: int):
        self.retry_after = retry_after
        super().__init__(retry_after)


def check_rate(request, api_token: ApiToken) -> None:
    """Count this call against the key's rate (WEBCARE_RATE_LIMIT); raise when over it.

    ``get_usage`` is the function behind django-ratelimit's ``is_ratelimited``: the same
    cache counter, plus the seconds left in the window for the Retry-After header.
    """
    usage = get_usage(
        request,
        group="contacts.api.webcare",
        key=lambda group, request: f"api-token:{api_token.pk}",
        rate=settings.WEBCARE_RATE_LIMIT,
        increment=True,
    )
    if usage is not None and usage["should_limit"]:
        raise RateLimited(retry_after=max(1, usage["time_left"]))


class ApiKeyAuth(HttpBearer):
    """Authorization: Bearer <key>. The key is looked up by its SHA-256; revoked keys fail."""

    def authenticate(self, request, token):
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

"""Named rate limits, counted in the shared cache so they hold across app servers.

Each limit has a name in settings.RATE_LIMITS ("search": "30/m"; several rates separated by
spaces, e.g. "5/m 30/d"). A view asks ``check(request, "search")``; over the limit it raises
``TooManyRequests``, which ``ops.middleware.RateLimitMiddleware`` turns into the Dutch 429
page with a Retry-After header. Visitors are counted by ``ops.client_ip.client_ip``.
"""

import functools
import logging

from django.conf import settings
from django_ratelimit.core import get_usage

logger = logging.getLogger(__name__)


class TooManyRequests(Exception):
    def __init__(self, name: str, retry_after: int):
        self.name = name
        self.retry_after = retry_after
        super().__init__(f"Rate limit {name!r} reached; retry after {retry_after} s.")


def check(request, name: str, *, key="ip", scope: str = "") -> None:
    """Count this request against the limit ``name``; raise TooManyRequests when over it.

    ``key`` is a django-ratelimit key ("ip", or a callable ``(group, request) -> str``);
    ``scope`` narrows the count, e.g. to one page (feedback per page).
    """
    group = f"ops.{name}.{scope}" if scope else f"ops.{name}"
    for rate in settings.RATE_LIMITS[name].split():
        try:
            usage = get_usage(request, group=group, key=key, rate=rate, increment=True)
        except Exception:  # any cache failure: serve rather than refuse
            # The cache is down: residents keep being served; the outage is reported by the
            # cache and health checks, not here per request.
            return
        if usage is not None and usage["should_limit"]:
            logger.info("Rate limit reached", extra={"rate_limit": name})
            raise TooManyRequests(name, retry_after=max(1, usage["time_left"]))


def rate_limit(name: str, *, methods=("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"), key="ip"):
    """View decorator: count requests with one of ``methods`` against the limit ``name``."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods:
                check(request, name, key=key)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator

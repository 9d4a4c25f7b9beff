"""The visitor's address for rate limiting, also behind the reverse proxy.

Only the addresses our own proxies appended to X-Forwarded-For can be trusted; the left-most
entries are whatever the client sent. With TRUSTED_PROXY_COUNT proxies in front of the app, the
client is the entry that many places from the right.
"""

from django.conf import settings


def client_ip(request) -> str:
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")

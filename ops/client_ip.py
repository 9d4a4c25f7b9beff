"""The visitor's address for rate limiting, also behind the reverse proxy.

X-Forwarded-For is whatever the client sent, plus what our own proxies appended. It is read
only when the request came from one of our proxies (TRUSTED_PROXIES); then the client is the
entry TRUSTED_PROXY_COUNT places from the right. A request that reached the app another way,
or any request when TRUSTED_PROXY_COUNT is 0, is known by REMOTE_ADDR alone: otherwise a
visitor could send a new X-Forwarded-For with every request and never be counted twice.
"""

import ipaddress

from django.conf import settings


def _is_trusted_proxy(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(net, strict=False) for net in settings.TRUSTED_PROXIES)


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if not proxies or not forwarded or not _is_trusted_proxy(remote):
        return remote
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    # The first proxy is REMOTE_ADDR itself; it appended the hop before it.
    if len(hops) >= proxies:
        return hops[-proxies]
    return remote

"""Varnish in front of the site: alerts as edge-side includes, purges on content changes.

Varnish announces itself with ``Surrogate-Capability: varnish=ESI/1.0``
(``deploy/varnish/default.vcl``). To such a request the site answers with the alerts as an
``<esi:include>`` of ``/meldingen/actueel/`` and marks shareable pages with
``Surrogate-Control: max-age=N``; Varnish keeps the page N seconds and fetches the alerts
for each visitor from a short-lived cache of its own. Without Varnish nothing changes: the
alerts middleware puts the alerts into the page itself.

Every content change that purges the page cache also purges Varnish, through Wagtail's
frontend-cache invalidation (``WAGTAILFRONTENDCACHE``, from ``VARNISH_URL``).
"""

import datetime as dt
import math
from urllib.parse import urlencode

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

from cms.alerts import ActiveAlert

ESI = "ESI/1.0"
# Alerts change rarely; a minute bounds how long a new one takes on a cached page even when
# an editor changes one that already started.
ALERTS_FRAGMENT_MAX_SECONDS = 60


def esi_capable(request) -> bool:
    return ESI in request.META.get("HTTP_SURROGATE_CAPABILITY", "")


def mark_shareable(response, seconds: int, *, esi: bool) -> None:
    """Let the surrogate keep this response ``seconds`` (and process its includes)."""
    directives = [f"max-age={seconds}"]
    if esi:
        directives.append(f'content="{ESI}"')
    response["Surrogate-Control"] = ", ".join(directives)


def offer_to_surrogate(request, response, seconds: int) -> None:
    """The page cache found this page shareable for ``seconds``: tell Varnish, if it asks."""
    if seconds > 0 and esi_capable(request):
        mark_shareable(response, seconds, esi=True)


def alerts_include(path: str) -> str:
    src = f"{reverse('cms:alerts-fragment')}?{urlencode({'pad': path})}"
    return render_to_string("cms/includes/alerts_esi.html", {"src": src})


def alerts_fragment_seconds(alerts: list[ActiveAlert], now: dt.datetime) -> int:
    """Until the next alert starts or ends, at most a minute, at least a second."""
    moments = [a.starts_at for a in alerts if a.starts_at > now]
    moments += [a.ends_at for a in alerts if a.ends_at is not None and a.ends_at > now]
    seconds = min([math.ceil((m - now).total_seconds()) for m in moments], default=math.inf)
    return int(max(1, min(ALERTS_FRAGMENT_MAX_SECONDS, seconds)))


def purge_frontend_cache() -> None:
    """Ask every Varnish to drop the site's pages (the VCL bans the whole host)."""
    if getattr(settings, "WAGTAILFRONTENDCACHE", None) and settings.SITE_URL:
        purge_urls_from_cache([settings.SITE_URL.rstrip("/") + "/"])

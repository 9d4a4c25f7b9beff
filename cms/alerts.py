"""Site alerts (meldingen): which ones show where, and how they reach every page cheaply.

Pages may come from the page cache, so alerts are never part of a page's HTML. The alerts
middleware fills a marker per request. To keep that free of database queries, the current
and upcoming alerts are kept in the cache as a small snapshot; the time and the path are
checked in Python on every request, so an alert appears and disappears on the minute.
"""

import datetime as dt
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from cms.constants import Severity
from cms.models import Alert

MARKER = "<!--hogeland:alerts-->"
# Bump the version when ActiveAlert changes, so no old pickles are read after a deploy.
SNAPSHOT_KEY = "cms:alerts:snapshot:v1"
# Other processes only learn about a change when their copy expires (local-memory cache).
SNAPSHOT_MAX_SECONDS = 300

DISMISSED_COOKIE = "verborgen_meldingen"
DISMISSED_MAX = 50
DISMISSED_MAX_AGE = 30 * 24 * 60 * 60

_SEVERITY_ORDER = {Severity.URGENT: 0, Severity.WARNING: 1, Severity.INFO: 2}
_NLDS_MODIFIER = {Severity.URGENT: "error", Severity.WARNING: "warning", Severity.INFO: "info"}


@dataclass(frozen=True)
class ActiveAlert:
    """What a page needs of an alert, without touching the database."""

    id: int
    title: str
    message: str
    severity: str
    starts_at: dt.datetime
    ends_at: dt.datetime | None
    link_url: str
    # URL paths of the chosen sections; empty means the whole site.
    section_paths: tuple[str, ...]

    def is_active_at(self, moment: dt.datetime) -> bool:
        return self.starts_at <= moment and (self.ends_at is None or moment < self.ends_at)

    def shows_on(self, path: str) -> bool:
        return not self.section_paths or any(path.startswith(p) for p in self.section_paths)

    @property
    def dismissible(self) -> bool:
        # Urgent alerts (drinking water, evacuation) stay until they end: nobody may miss them.
        return self.severity != Severity.URGENT

    @property
    def modifier(self) -> str:
        return _NLDS_MODIFIER.get(self.severity, "info")

    @property
    def severity_label(self) -> str:
        return str(dict(Severity.choices).get(self.severity, Severity.INFO.label))


def _page_path(page) -> str | None:
    parts = page.get_url_parts()
    return parts[2] if parts else None


def _to_active_alert(alert: Alert) -> ActiveAlert:
    link_url = ""
    if alert.link is not None and alert.link.live:
        link_url = alert.link.get_url() or ""
    paths = (_page_path(section.page) for section in alert.sections.all())
    return ActiveAlert(
        id=alert.pk,
        title=alert.title,
        message=alert.message,
        severity=alert.severity,
        starts_at=alert.starts_at,
        ends_at=alert.ends_at,
        link_url=link_url,
        section_paths=tuple(sorted({p for p in paths if p})),
    )


def _snapshot_timeout(alerts: list[ActiveAlert], now: dt.datetime) -> int:
    moments = [a.starts_at for a in alerts if a.starts_at > now]
    moments += [a.ends_at for a in alerts if a.ends_at is not None and a.ends_at > now]
    if not moments:
        return SNAPSHOT_MAX_SECONDS
    seconds = math.ceil((min(moments) - now).total_seconds())
    return max(1, min(SNAPSHOT_MAX_SECONDS, seconds))


def load_alerts(now: dt.datetime) -> list[ActiveAlert]:
    """Alerts that show now or later, most severe first, read from the database."""
    queryset = (
        Alert.objects.filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))
        .select_related("link")
        .prefetch_related("sections__page")
    )
    alerts = [_to_active_alert(alert) for alert in queryset]
    alerts.sort(key=lambda a: a.starts_at, reverse=True)
    alerts.sort(key=lambda a: _SEVERITY_ORDER.get(a.severity, 9))
    return alerts


def current_and_upcoming_alerts(now: dt.datetime) -> list[ActiveAlert]:
    from cms.middleware.cache import read_recent

    # This process's copy when read within the last PAGE_CACHE_LOCAL_MS, as for a cached page.
    alerts = read_recent(SNAPSHOT_KEY)
    if alerts is None:
        alerts = load_alerts(now)
        cache.set(SNAPSHOT_KEY, alerts, _snapshot_timeout(alerts, now))
    return alerts


def invalidate_alerts() -> None:
    from cms.middleware.cache import forget_local_copies

    # This process's copy of the snapshot goes too (other processes: within a second).
    forget_local_copies()
    cache.delete(SNAPSHOT_KEY)
    # A request between the change and the commit may have cached the old rows again.
    transaction.on_commit(lambda: cache.delete(SNAPSHOT_KEY))


def dismissed_alert_ids(request) -> list[int]:
    """Ids from the visitor's cookie, oldest first; anything that is not a number is ignored."""
    value = request.COOKIES.get(DISMISSED_COOKIE, "")
    ids = [int(match) for match in re.findall(r"\d{1,18}", value)]
    return list(dict.fromkeys(ids))[-DISMISSED_MAX:]


def dismissed_cookie_value(ids: list[int]) -> str:
    # Dots rather than commas: a comma makes Python quote the cookie value, which RFC 6265
    # does not allow in this form. Both are read back.
    return ".".join(str(pk) for pk in list(dict.fromkeys(ids))[-DISMISSED_MAX:])


def alerts_for_request(
    request,
    now: dt.datetime | None = None,
    snapshot: list[ActiveAlert] | None = None,
    path: str | None = None,
) -> list[ActiveAlert]:
    """``snapshot``: the cached list when the caller already read it (the page cache does);
    ``path``: the page the alerts are for, when that is not the request's (an edge include)."""
    now = now or timezone.now()
    dismissed = set(dismissed_alert_ids(request))
    return [
        alert
        for alert in (snapshot if snapshot is not None else current_and_upcoming_alerts(now))
        if alert.is_active_at(now)
        and alert.shows_on(path or request.path)
        and not (alert.dismissible and alert.id in dismissed)
    ]


def render_alerts(request, alerts: list[ActiveAlert], next_path: str | None = None) -> str:
    if not alerts:
        return ""
    return _render(tuple(alerts), next_path or request.get_full_path())


@lru_cache(maxsize=1024)
def _render(alerts: tuple[ActiveAlert, ...], next_path: str) -> str:
    # The same alerts on the same path render the same HTML: cached per process, which keeps
    # pages served from the page cache cheap. The alerts are immutable values, so an edited
    # alert is a new key. No request in the context: context processors would cost queries.
    return render_to_string("cms/includes/alerts.html", {"alerts": alerts, "next": next_path})


def alert_status(alert: Alert, now: dt.datetime | None = None) -> str:
    """For the admin list: actief, gepland or verlopen."""
    now = now or timezone.now()
    if alert.starts_at > now:
        return "gepland"
    if alert.ends_at is not None and alert.ends_at <= now:
        return "verlopen"
    return "actief"

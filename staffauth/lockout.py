"""django-axes glue: only staff logins are counted, and a lockout gets a Dutch 429 page."""

import datetime as dt

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_failure_limit
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext


def is_staff_login(request) -> bool:
    return request.path.startswith(reverse("wagtailadmin_home"))


def not_a_staff_login(request, credentials) -> bool:
    """AXES_WHITELIST_CALLABLE: residents log in with DigiD, never through these counters."""
    return not is_staff_login(request)


def lock_ends(request, credentials=None) -> dt.datetime | None:
    """When the lock lifts: per lockout parameter (account, address) the failures in the cool-off
    window count; each attempt record leaves the window at its last failure plus the cool-off,
    and the lock ends once the failures still in the window drop below the limit."""
    AxesProxyHandler.update_request(request)
    cool_off = get_cool_off(request)
    limit = get_failure_limit(request, credentials)
    ends = None
    for attempts in AxesDatabaseHandler().get_user_attempts(request, credentials):
        records = attempts.order_by("attempt_time").values_list(
            "attempt_time", "failures_since_start"
        )
        counted = sum(failures for _, failures in records)
        for attempt_time, failures in records:
            if counted < limit:
                break
            counted -= failures
            if counted < limit:
                end = attempt_time + cool_off
                ends = end if ends is None else max(ends, end)
    return ends


def time_left_text(seconds: int) -> str:
    minutes = max(1, -(-seconds // 60))
    return ngettext("nog %(count)d minuut", "nog %(count)d minuten", minutes) % {"count": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE; the views call it too, with the logged-in account's name."""
    ends = lock_ends(request, credentials)
    now = getattr(request, "axes_attempt_time", None) or timezone.now()
    left = (ends - now) if ends else get_cool_off(request)
    seconds = max(1, int(-(-left.total_seconds() // 1)))
    # Rendered here: django-axes' middleware puts it in place of an already rendered page.
    response = render(
        request, "staffauth/lockout.html", {"time_left": time_left_text(seconds)}, status=429
    )
    response["Retry-After"] = str(seconds)
    return response

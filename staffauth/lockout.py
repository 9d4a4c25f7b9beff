"""django-axes glue: only staff logins are counted, and a lockout gets a Dutch 429 page."""

from axes.helpers import get_cool_off
from django.shortcuts import render
from django.urls import reverse


def is_staff_login(request) -> bool:
    return request.path.startswith(reverse("wagtailadmin_home"))


def not_a_staff_login(request, credentials) -> bool:
    """AXES_WHITELIST_CALLABLE: residents log in with DigiD, never through these counters."""
    return not is_staff_login(request)


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE."""
    seconds = int(get_cool_off(request).total_seconds())
    # Rendered here: django-axes' middleware puts it in place of an already rendered page.
    response = render(
        request,
        "staffauth/lockout.html",
        {"minutes": max(1, -(-seconds // 60))},
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response

"""Error pages in the site's own style: 400, 403 (also a failed CSRF check) and 429."""

import math

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.csrf import requires_csrf_token


def _wait_text(seconds: int) -> str:
    if seconds < 90:
        return "een minuut"
    if seconds < 90 * 60:
        return f"{math.ceil(seconds / 60)} minuten"
    hours = math.ceil(seconds / 3600)
    return "een uur" if hours == 1 else f"{hours} uur"


def too_many_requests(request, exception, **context):
    """429 with Retry-After. ``context`` may replace the heading and text (see 429.html)."""
    wait = _wait_text(exception.retry_after)
    if not request.accepts("text/html"):
        response = JsonResponse(
            {
                "detail": f"Te veel verzoeken. Probeer het over {wait} opnieuw.",
                "retry_after": exception.retry_after,
            },
            status=429,
        )
        response["Retry-After"] = str(exception.retry_after)
        return response
    response = TemplateResponse(
        request,
        "429.html",
        {"wait": wait, **context},
        status=429,
    )
    response["Retry-After"] = str(exception.retry_after)
    return response.render()


@requires_csrf_token
def bad_request(request, exception=None):
    # Django's own handler renders 400.html without the request, so the site's layout
    # (menu, search, login state) would be missing.
    return TemplateResponse(request, "400.html", status=400).render()


@requires_csrf_token
def permission_denied(request, exception=None):
    return TemplateResponse(request, "403.html", status=403).render()


def csrf_failure(request, reason=""):
    # The reason is for developers; residents get what to do next.
    return TemplateResponse(request, "403_csrf.html", status=403).render()

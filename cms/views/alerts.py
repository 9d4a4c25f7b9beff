from django.http import Http404, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from cms.alerts import (
    DISMISSED_COOKIE,
    DISMISSED_MAX_AGE,
    dismissed_alert_ids,
    dismissed_cookie_value,
)
from cms.constants import Severity
from cms.models import Alert


class HttpResponseSeeOther(HttpResponseRedirect):
    status_code = 303


# No CSRF token: the form sits in pages cached for every anonymous visitor, so it cannot carry
# one. The worst a forged post can do is hide an alert in the visitor's own browser.
@csrf_exempt
@require_POST
def dismiss_alert(request, alert_id):
    """Hides an alert for this visitor with a cookie, so it works without JavaScript."""
    severity = Alert.objects.filter(pk=alert_id).values_list("severity", flat=True).first()
    if severity is None:
        raise Http404
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseSeeOther(next_url)
    # Urgent alerts cannot be hidden (see ActiveAlert.dismissible); the form is not shown.
    if severity != Severity.URGENT:
        response.set_cookie(
            DISMISSED_COOKIE,
            dismissed_cookie_value([*dismissed_alert_ids(request), alert_id]),
            max_age=DISMISSED_MAX_AGE,
            secure=request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
    return response

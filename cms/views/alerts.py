from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from cms.alerts import (
    DISMISSED_COOKIE,
    DISMISSED_MAX_AGE,
    alerts_for_request,
    current_and_upcoming_alerts,
    dismissed_alert_ids,
    dismissed_cookie_value,
    render_alerts,
)
from cms.constants import Severity
from cms.edge import alerts_fragment_seconds, mark_shareable
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


@require_GET
def alerts_fragment(request):
    """The alerts for one page path, as Varnish includes them into cached pages (cms.edge)."""
    path = request.GET.get("pad", "/")
    if not path.startswith("/") or path.startswith("//"):
        path = "/"
    now = timezone.now()
    snapshot = current_and_upcoming_alerts(now)
    alerts = alerts_for_request(request, now=now, snapshot=snapshot, path=path)
    response = HttpResponse(render_alerts(request, alerts, next_path=path))
    mark_shareable(response, alerts_fragment_seconds(snapshot, now), esi=False)
    # Browsers never see the fragment on its own; only Varnish keeps it.
    add_never_cache_headers(response)
    return response

from cms.alerts import MARKER, alerts_for_request, render_alerts
from cms.edge import alerts_include, esi_capable

_MARKER = MARKER.encode()


class AlertsMiddleware:
    """Puts the alerts that apply now into the page's alerts slot.

    Runs outside the page cache (right after WhiteNoise), so a cached page still gets the
    alerts of this moment and without the ones this visitor has hidden.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.streaming
            or response.has_header("Content-Encoding")
            or not response.get("Content-Type", "").startswith("text/html")
            or _MARKER not in response.content
        ):
            return response
        if "ESI" in response.get("Surrogate-Control", "") and esi_capable(request):
            # Varnish keeps this page for everyone and fetches the alerts per visitor.
            html = alerts_include(request.path)
        else:
            # The page cache read the snapshot with the page: no second round trip.
            snapshot = getattr(request, "alerts_snapshot", None)
            html = render_alerts(request, alerts_for_request(request, snapshot=snapshot))
        response.content = response.content.replace(_MARKER, html.encode(response.charset), 1)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response

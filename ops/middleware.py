from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

from ops import request_id
from ops.ratelimits import TooManyRequests
from ops.views import too_many_requests


class RequestIdMiddleware:
    """Gives each request an id (the proxy's X-Request-ID, or a new one) for logs and reply."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # From META: request.headers would copy every header of every request to read one.
        request.request_id = request_id.start(request.META.get(request_id.META_KEY))
        response = self.get_response(request)
        response[request_id.HEADER] = request.request_id
        return response


class SecurityHeadersMiddleware:
    """Permissions-Policy on every response, and where browsers send CSP violation reports."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        endpoints = _reporting_endpoints(get_script_prefix(), get_urlconf(settings.ROOT_URLCONF))
        response.setdefault("Reporting-Endpoints", endpoints)
        return response


@lru_cache(maxsize=8)
def _reporting_endpoints(script_prefix: str, urlconf) -> str:
    # The same for every request under one script prefix and URLconf: reversed once.
    return f'csp="{reverse("ops:csp-report", urlconf=urlconf)}"'


class AdminCSPMiddleware:
    """The Wagtail admin gets its own Content-Security-Policy (ADMIN_CONTENT_SECURITY_POLICY).

    Placed after the CSP middleware, so the policy is chosen before that middleware writes
    the header on the way out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(settings.ADMIN_CSP_URL_PREFIXES):
            response._csp_config = settings.ADMIN_CONTENT_SECURITY_POLICY
        return response


class RateLimitMiddleware:
    """Turns a reached rate limit anywhere in a view into the 429 page with Retry-After."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, TooManyRequests):
            return too_many_requests(request, exception)
        return None

from urllib.parse import urlencode

import csp.constants
import csp.middleware
import csp.utils
from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.cache import patch_cache_control

from portal import session
from portal.auth import broker_origins


class PortalCacheControlMiddleware:
    """Nothing personal may be stored by a browser or proxy cache.

    Applies to the portal and to every response for a logged-in user, so a page that shows a
    name, a prefilled form or staff-only notes is never kept in a shared cache.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if request.path.startswith("/mijn/") or (user is not None and user.is_authenticated):
            if "public" in response.get("Cache-Control", ""):
                del response["Cache-Control"]
            patch_cache_control(response, private=True, no_store=True, no_cache=True, max_age=0)
        return response


class SessionPolicyMiddleware:
    """Ends sessions that were idle too long (or, for residents, open too long).

    A resident whose portal session ended gets a page that says so and what was kept, instead
    of a silent trip to the login; staff in the admin are simply asked to log in again.
    """

    # Where an ended portal session is not turned into the expiry page.
    PASS_THROUGH = ("portal:login", "portal:oidc-callback", "portal:logout")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES and session.has_expired(request):
            logout(request)
        if session.had_portal_session(request) and not session.is_portal_session(request):
            response = self._portal_session_ended(request)
            if response is not None:
                session.delete_marker(response)
                return response
        response = self.get_response(request)
        session.record_activity(request)
        return response

    def _portal_session_ended(self, request):
        old_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        if old_key and request.session.session_key != old_key:
            # Expired in the store already: remove what is left of it.
            request.session.__class__().delete(old_key)
        path = request.path
        if path in {reverse(name) for name in self.PASS_THROUGH}:
            response = self.get_response(request)
            session.delete_marker(response)
            return response
        if path in (reverse("portal:session-status"), reverse("portal:session-extend")):
            # They answer "expired" themselves; the warning then opens the expiry page.
            return None
        expired_url = reverse("portal:session-expired")
        if path == expired_url:
            return self.get_response(request)
        next_url = request.get_full_path() if request.method == "GET" else path
        return HttpResponseRedirect(f"{expired_url}?{urlencode({'next': next_url})}", status=303)


class CSPMiddleware(csp.middleware.CSPMiddleware):
    """The site's CSP, with the identity provider's origin allowed as a form target.

    Logging out is a form POST answered by a redirect to the provider, and so is a form sent
    after the session ended (via the login); browsers check such redirects against
    ``form-action``.

    The header of a response without a policy of its own (no ``csp_update`` and the like, no
    report-only policy) is built once per configuration and kept: django-csp builds it afresh
    for every response, which cost 3.5% of a form submission.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only:
            update = dict(parts.update or {})
            update["form-action"] = [*update.get("form-action", []), *broker_origins()]
            parts.update = update
        return parts

    def process_response(self, request, response):
        if (
            _own_policy(response)
            or getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
            or not getattr(settings, "CONTENT_SECURITY_POLICY", None)
        ):
            return super().process_response(request, response)
        if response.status_code in (500, 404) and settings.DEBUG:
            return super().process_response(request, response)
        header = _site_policy(getattr(request, "_csp_nonce", None))
        prefixes = settings.CONTENT_SECURITY_POLICY.get("EXCLUDE_URL_PREFIXES") or ()
        if (
            header
            and csp.constants.HEADER not in response
            and not getattr(response, "_csp_exempt", False)
            and not request.path_info.startswith(tuple(prefixes))
        ):
            response[csp.constants.HEADER] = header
        if getattr(request, "_csp_nonce", None) is None:
            # As django-csp: a nonce asked for after the header was written is an error.
            request.csp_nonce = csp.middleware.CheckableLazyObject(self._csp_nonce_post_response)
        return response


# What a view or a middleware sets on a response to change its policy (django-csp).
_PER_RESPONSE = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
    "_csp_exempt_ro",
)
# Stands for the request's nonce in a kept header.
_NONCE = "csp-nonce-of-this-request"
# {whether there is a nonce: (the settings dict, the origins, the header built from them)}
_site_policies: dict[bool, tuple] = {}


def _own_policy(response) -> bool:
    return any(getattr(response, name, None) is not None for name in _PER_RESPONSE)


def _site_policy(nonce: str | None) -> str:
    """The header for CONTENT_SECURITY_POLICY plus the identity provider's origins, as
    django-csp builds it, from a copy kept until those settings change."""
    config, origins = settings.CONTENT_SECURITY_POLICY, broker_origins()
    kept = _site_policies.get(nonce is not None)
    if kept is None or kept[0] is not config or kept[1] != origins:
        header = csp.utils.build_policy(
            update={"form-action": origins}, nonce=_NONCE if nonce else None
        )
        kept = (config, origins, header)
        _site_policies[nonce is not None] = kept
    return kept[2].replace(_NONCE, nonce) if nonce else kept[2]

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import SuspiciousOperation
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCLogoutView

from portal import session
from portal.auth import LoginFailed, provider_logout_url

logger = logging.getLogger(__name__)


def _safe_next(request, url, default="/mijn/"):
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return default


def _login_url(next_url):
    return f"{reverse('portal:login')}?{urlencode({'next': next_url})}"


class CallbackView(OIDCAuthenticationCallbackView):
    """The provider sends the resident back here, logged in, cancelled or refused."""

    def get(self, request):
        if request.GET.get("error") == "access_denied":
            response = super().get(request)
            messages.info(request, _("U heeft het inloggen met DigiD geannuleerd."))
            return response
        try:
            return super().get(request)
        except LoginFailed as failure:
            return self.failed(failure)
        except SuspiciousOperation as exc:
            # An unknown state: a reused or forged callback URL.
            return self.failed(LoginFailed(str(exc), status=400))

    def failed(self, failure: LoginFailed):
        logger.warning("Login failed (%s): %s", failure.status, failure.reason)
        next_url = _safe_next(self.request, self.request.session.get("oidc_login_next"))
        return TemplateResponse(
            self.request,
            "portal/login_failed.html",
            {"retry_url": _login_url(next_url), "broker_fault": failure.status >= 500},
            status=failure.status,
        )

    def login_failure(self):
        if self.request.GET.get("error") == "access_denied":
            return super().login_failure()
        # No state in the session (it ended while the resident was at the broker), an error
        # from the broker, or an inactive user.
        error = self.request.GET.get("error", "")
        return self.failed(
            LoginFailed(f"callback without a usable answer ({error or 'none'})", 400)
        )

    def login_success(self):
        # Always a fresh session key, also when this user was logged in some other way.
        auth.login(self.request, self.user, backend="portal.auth.DigiDBackend")
        facts = getattr(self.request, "portal_login", {})
        session.start_portal_session(
            self.request,
            level=facts.get("level", ""),
            method=facts.get("method", "digid"),
            bsn_token=facts.get("bsn_token", ""),
        )
        if facts.get("method") == "eherkenning":
            messages.success(self.request, _("U bent ingelogd met eHerkenning."))
        else:
            messages.success(self.request, _("U bent ingelogd met DigiD."))
        response = HttpResponseRedirect(self.success_url)
        session.set_marker(response)
        return response


class LogoutView(OIDCLogoutView):
    """Ends the session here, then at the provider (for a portal session)."""

    def post(self, request):
        logout_url = self.redirect_url
        if session.is_portal_session(request):
            logout_url = provider_logout_url(request)
        if request.user.is_authenticated:
            auth.logout(request)
        messages.info(request, _("U bent uitgelogd."))
        response = HttpResponseRedirect(logout_url)
        session.delete_marker(response)
        return response


def _session_state(request):
    return {
        "expired": False,
        "remaining": session.seconds_left(request),
        "warning": settings.PORTAL_SESSION_WARNING_SECONDS,
    }


@require_GET
@session.passive
def session_status(request):
    """How long the portal session has left; asking does not count as activity."""
    if session.is_portal_session(request) and session.seconds_left(request) <= 0:
        # Less than a second left: end it now rather than tell the browser "0, not yet".
        auth.logout(request)
    if not session.is_portal_session(request):
        return JsonResponse({"expired": True, "remaining": 0}, status=401)
    return JsonResponse(_session_state(request))


@require_POST
def session_extend(request):
    """The "Blijf ingelogd" button; with JavaScript an answer in JSON, without a redirect."""
    wants_json = "application/json" in request.headers.get("Accept", "")
    next_url = _safe_next(request, request.POST.get("next"))
    if not session.is_portal_session(request):
        if wants_json:
            return JsonResponse({"expired": True, "remaining": 0}, status=401)
        return redirect_to_login(next_url, login_url=reverse("portal:login"))
    # Always stored: the resident asked for more time, even seconds after the last page.
    session.record_activity(request, force=True)
    if wants_json:
        return JsonResponse(_session_state(request))
    return redirect(next_url)


@require_GET
def session_expired(request):
    """Without JavaScript this is where an ended portal session lands: what was kept."""
    next_url = _safe_next(request, request.GET.get("next"))
    if session.is_portal_session(request):
        return redirect(next_url)
    return TemplateResponse(
        request,
        "portal/session_expired.html",
        {
            "login_url": _login_url(next_url),
            "idle_minutes": settings.PORTAL_SESSION_IDLE_SECONDS // 60,
            "absolute_hours": settings.PORTAL_SESSION_ABSOLUTE_SECONDS // 3600,
        },
    )

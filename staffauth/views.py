"""The second step of the staff login: give a code, or set up the authenticator app first."""

from urllib.parse import urlencode

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.decorators.cache import never_cache
from django_otp import user_has_device

from staffauth import enrolment, qr, selectors, services
from staffauth.access import needs_second_factor
from staffauth.forms import CodeForm
from staffauth.lockout import lockout_response
from staffauth.security_log import record


def _next_url(request) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return url
    return reverse("wagtailadmin_home")


def _to(name: str, request):
    return HttpResponseRedirect(f"{reverse(name)}?{urlencode({'next': _next_url(request)})}")


@method_decorator(never_cache, name="dispatch")
class SecondFactorView(View):
    """Only for a logged-in staff member who has not given the second factor yet."""

    template_name = ""

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not needs_second_factor(user):
            return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
        if user.is_verified():
            return HttpResponseRedirect(_next_url(request))
        credentials = {"username": user.get_username()}
        if AxesProxyHandler.is_locked(request, credentials):
            return lockout_response(request, credentials=credentials)
        return super().dispatch(request, *args, **kwargs)

    def render(self, form, *, status=200, **context):
        context = {"form": form, "next": _next_url(self.request), **context}
        return TemplateResponse(self.request, self.template_name, context, status=status)


class VerifyView(SecondFactorView):
    template_name = "staffauth/verify.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not user_has_device(request.user):
            return _to("staffauth:enrol", request)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.render(CodeForm())

    def post(self, request, *args, **kwargs):
        form = CodeForm(request.POST)
        if form.is_valid():
            if services.second_factor_verify(request=request, code=form.cleaned_data["code"]):
                _warn_if_few_recovery_codes(request)
                return HttpResponseRedirect(_next_url(request))
            form.add_error("code", _("Deze code klopt niet. Probeer het opnieuw."))
        return self.render(form, status=400)


def _warn_if_few_recovery_codes(request):
    left = selectors.recovery_codes_left(request.user)
    if left <= selectors.FEW_RECOVERY_CODES:
        messages.warning(
            request,
            ngettext(
                "U heeft nog %(count)d herstelcode.",
                "U heeft nog %(count)d herstelcodes.",
                left,
            )
            % {"count": left}
            + " "
            + _("Maak nieuwe aan via Account, Herstelcodes vernieuwen."),
        )


class EnrolView(SecondFactorView):
    """Setting up the first app, only with an enrolment link opened in this session."""

    template_name = "staffauth/enrol.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and user_has_device(request.user):
            # A second app is added only after giving a code from the first.
            return _to("staffauth:verify", request)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        device = self.pending_device()
        if device is None:
            return no_link(request)
        return self.page(CodeForm(), device)

    def post(self, request, *args, **kwargs):
        device = self.pending_device()
        if device is None:
            return no_link(request)
        form = CodeForm(request.POST)
        if form.is_valid():
            codes = services.totp_device_confirm(
                request=request, device=device, code=form.cleaned_data["code"]
            )
            if codes is not None:
                request.session.pop(enrolment.SESSION_KEY, None)
                return TemplateResponse(
                    request,
                    "staffauth/recovery_codes.html",
                    {"codes": codes, "next": _next_url(request), "enrolled": True},
                )
            form.add_error("code", _("Deze code klopt niet. Probeer het opnieuw."))
        return self.page(form, device, status=400)

    def pending_device(self):
        token = self.request.session.get(enrolment.SESSION_KEY)
        return enrolment.pending_device(token, user=self.request.user)

    def page(self, form, device, *, status=200):
        return self.render(
            form, status=status, qr_svg=qr.qr_svg(device), secret=qr.secret_text(device)
        )


def no_link(request, *, invalid=False):
    return TemplateResponse(
        request,
        "staffauth/no_link.html",
        {"invalid": invalid, "hours": settings.STAFF_ENROLMENT_LINK_HOURS},
        status=400 if invalid else 200,
    )


@method_decorator(never_cache, name="dispatch")
class EnrolmentLinkView(View):
    """The link from functioneel beheer: remembered in the session, then the token leaves the
    address bar (and the Referer of whatever the next page loads)."""

    def get(self, request, token):
        device = enrolment.pending_device(token)
        if device is None:
            username = enrolment.token_username(token)
            record("enrolment_link", request=request, username=username, outcome="invalid")
            return no_link(request, invalid=True)
        request.session[enrolment.SESSION_KEY] = token
        record(
            "enrolment_link",
            request=request,
            username=device.user.get_username(),
            outcome="opened",
        )
        return redirect("staffauth:enrol")


def password_login_not_here(request):
    """Wagtail's /_util/login/: a password form outside the admin, without lockout or second
    factor. Residents log in with DigiD (WAGTAIL_FRONTEND_LOGIN_URL), staff in the admin."""
    raise Http404

"""Second-factor screens inside the admin: functioneel beheer issues enrolment links, and a
staff member renews their recovery codes."""

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache

from staffauth import enrolment, selectors, services
from staffauth.forms import CodeForm
from staffauth.lockout import lockout_response


@method_decorator(never_cache, name="dispatch")
class IssueLinkView(View):
    template_name = "staffauth/admin/issue_link.html"

    def dispatch(self, request, user_id):
        # Without the permission the page does not exist for this user, as for Wagtail's own.
        if not selectors.may_issue_enrolment_links(request.user):
            raise Http404
        self.target = get_object_or_404(selectors.enrolment_link_targets(request.user), pk=user_id)
        return super().dispatch(request, user_id)

    def get(self, request, user_id):
        return self.render(has_app=selectors.has_app(self.target))

    def post(self, request, user_id):
        try:
            token = services.enrolment_link_issue(
                user=self.target, by=request.user.get_username(), request=request
            )
        except services.AlreadyEnrolled:
            return self.render(has_app=True, status=409)
        return self.render(
            link=enrolment.link_url(token), valid_until=enrolment.valid_until(), has_app=False
        )

    def render(self, *, status=200, **context):
        context = {
            "target": self.target,
            "hours": settings.STAFF_ENROLMENT_LINK_HOURS,
            **context,
        }
        return TemplateResponse(self.request, self.template_name, context, status=status)


@method_decorator(never_cache, name="dispatch")
class RecoveryCodesView(View):
    """Herstelcodes vernieuwen: a fresh code from the app, then new codes, shown once."""

    template_name = "staffauth/admin/recovery_codes.html"

    def dispatch(self, request, *args, **kwargs):
        credentials = {"username": request.user.get_username()}
        if request.method == "POST" and AxesProxyHandler.is_locked(request, credentials):
            return lockout_response(request, credentials=credentials)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.render(CodeForm())

    def post(self, request):
        form = CodeForm(request.POST)
        if form.is_valid() and selectors.has_app(request.user):
            codes = services.recovery_codes_renew(request=request, code=form.cleaned_data["code"])
            if codes is not None:
                return TemplateResponse(
                    request,
                    "staffauth/admin/recovery_codes_new.html",
                    {"codes": codes, "codes_text": "\n".join(codes)},
                )
            form.add_error("code", _("Deze code klopt niet. Probeer het opnieuw."))
        return self.render(form, status=400)

    def render(self, form, *, status=200):
        left = selectors.recovery_codes_left(self.request.user)
        context = {
            "form": form,
            "has_app": selectors.has_app(self.request.user),
            "codes_left": left,
            "few_left": left <= selectors.FEW_RECOVERY_CODES,
        }
        return TemplateResponse(self.request, self.template_name, context, status=status)

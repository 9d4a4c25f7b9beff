from urllib.parse import urlsplit

from django.conf import settings
from django.shortcuts import render
from django.views import View
from django.views.generic.base import TemplateResponseMixin
from oauth2_provider.exceptions import OAuthToolkitError
from oauth2_provider.models import get_application_model
from oauth2_provider.views.base import BaseAuthorizationView

from digid_mock.forms import BusinessLoginForm, LoginForm
from digid_mock.identities import business_for_kvk, person_for_bsn


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


class AuthorizeView(TemplateResponseMixin, BaseAuthorizationView):
    """DigiD-like login page that is also the OIDC authorization endpoint.

    Unlike django-oauth-toolkit's own view, it never logs anyone into this site's session: the
    person or business chosen here exists only in the authorization code and the ID token it
    leads to. Two choices: a person (DigiD, by BSN) or a business (eHerkenning, by KvK number).
    """

    template_name = "digid_mock/login.html"

    def dispatch(self, request, *args, **kwargs):
        # Skip BaseAuthorizationView's LoginRequiredMixin: this page *is* the login.
        self.oauth2_data = {}
        return View.dispatch(self, request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self._handle(request, LoginForm(), BusinessLoginForm())

    def post(self, request, *args, **kwargs):
        data = request.POST.copy()
        if data.get("methode") == "eherkenning":
            if data.get("bedrijf"):
                data["kvk"], _sep, data["vestiging"] = data["bedrijf"].partition("-")
            return self._handle(request, LoginForm(), BusinessLoginForm(data), submitted="eh")
        if data.get("persoon"):
            data["bsn"] = data["persoon"]
        return self._handle(request, LoginForm(data), BusinessLoginForm(), submitted="digid")

    def _handle(self, request, form, business_form, submitted=""):
        try:
            scopes, credentials = self.validate_authorization_request(request)
        except OAuthToolkitError as error:
            return self.error_response(error, application=None)
        application = get_application_model().objects.get(client_id=credentials["client_id"])
        if submitted and "annuleren" in request.POST:
            return self._authorize(request, scopes, credentials, application, allow=False)
        if submitted == "digid" and form.is_valid():
            request.user = person_for_bsn(
                form.cleaned_data["bsn"], level=form.cleaned_data["niveau"]
            ).user
            return self._authorize(request, scopes, credentials, application, allow=True)
        if submitted == "eh" and business_form.is_valid():
            request.user = business_for_kvk(
                business_form.cleaned_data["kvk"],
                business_form.cleaned_data["vestiging"],
                level=business_form.cleaned_data["eh_niveau"],
            ).user
            return self._authorize(request, scopes, credentials, application, allow=True)
        response = render(
            request,
            self.template_name,
            {
                "form": form,
                "business_form": business_form,
                "has_errors": bool(form.errors or business_form.errors),
                "application": application,
                "persons": settings.DIGID_MOCK_PERSONS,
                "businesses": settings.DIGID_MOCK_BUSINESSES,
            },
            status=400 if submitted else 200,
        )
        # Logging in here is a form POST answered by a redirect to the client, which may run
        # on another origin: allow exactly the redirect URI that was just validated.
        response._csp_update = {"form-action": [_origin(credentials["redirect_uri"])]}
        return response

    def _authorize(self, request, scopes, credentials, application, *, allow):
        try:
            uri, _headers, _body, _status = self.create_authorization_response(
                request=request, scopes=" ".join(scopes), credentials=credentials, allow=allow
            )
        except OAuthToolkitError as error:
            return self.error_response(error, application)
        return self.redirect(uri, application)

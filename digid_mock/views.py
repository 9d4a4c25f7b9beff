from django.conf import settings
from django.shortcuts import render
from django.views import View
from django.views.generic.base import TemplateResponseMixin
from oauth2_provider.exceptions import OAuthToolkitError
from oauth2_provider.models import get_application_model
from oauth2_provider.views.base import BaseAuthorizationView

from digid_mock.forms import LoginForm
from digid_mock.identities import person_for_bsn


class AuthorizeView(TemplateResponseMixin, BaseAuthorizationView):
    """DigiD-like login page that is also the OIDC authorization endpoint.

    Unlike django-oauth-toolkit's own view, it never logs anyone into this site's session: the
    person chosen here exists only in the authorization code and the ID token it leads to.
    """

    template_name = "digid_mock/login.html"

    def dispatch(self, request, *args, **kwargs):
        # Skip BaseAuthorizationView's LoginRequiredMixin: this page *is* the login.
        self.oauth2_data = {}
        return View.dispatch(self, request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self._handle(request, LoginForm())

    def post(self, request, *args, **kwargs):
        data = request.POST.copy()
        if data.get("persoon"):
            data["bsn"] = data["persoon"]
        return self._handle(request, LoginForm(data), submitted=True)

    def _handle(self, request, form, submitted=False):
        try:
            scopes, credentials = self.validate_authorization_request(request)
        except OAuthToolkitError as error:
            return self.error_response(error, application=None)
        application = get_application_model().objects.get(client_id=credentials["client_id"])
        if submitted and "annuleren" in request.POST:
            return self._authorize(request, scopes, credentials, application, allow=False)
        if submitted and form.is_valid():
            request.user = person_for_bsn(
                form.cleaned_data["bsn"], level=form.cleaned_data["niveau"]
            ).user
            return self._authorize(request, scopes, credentials, application, allow=True)
        return render(
            request,
            self.template_name,
            {"form": form, "application": application, "persons": settings.DIGID_MOCK_PERSONS},
            status=400 if submitted else 200,
        )

    def _authorize(self, request, scopes, credentials, application, *, allow):
        try:
            uri, _headers, _body, _status = self.create_authorization_response(
                request=request, scopes=" ".join(scopes), credentials=credentials, allow=allow
            )
        except OAuthToolkitError as error:
            return self.error_response(error, application)
        return self.redirect(uri, application)

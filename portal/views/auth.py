import logging

from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.utils.translation import gettext as _
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCLogoutView

logger = logging.getLogger(__name__)


class CallbackView(OIDCAuthenticationCallbackView):
    """The provider sends the resident back here, logged in, cancelled or refused."""

    def get(self, request):
        if request.GET.get("error") == "access_denied":
            response = super().get(request)
            messages.info(request, _("U heeft het inloggen met DigiD geannuleerd."))
            return response
        try:
            return super().get(request)
        except SuspiciousOperation as exc:
            logger.warning("DigiD callback refused: %s", exc)
            return self.login_failure()

    def login_failure(self):
        if self.request.GET.get("error") != "access_denied":
            messages.error(
                self.request, _("Inloggen met DigiD is niet gelukt. Probeer het opnieuw.")
            )
        return super().login_failure()

    def login_success(self):
        response = super().login_success()
        messages.success(self.request, _("U bent ingelogd met DigiD."))
        return response


class LogoutView(OIDCLogoutView):
    def post(self, request):
        response = super().post(request)
        messages.info(request, _("U bent uitgelogd."))
        return response

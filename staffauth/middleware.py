from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponseRedirect
from django.urls import reverse
from django_otp import user_has_device

from staffauth.access import admin_prefix, needs_second_factor, open_before_second_factor


class StaffTwoFactorMiddleware:
    """A staff password alone opens nothing.

    In the admin an unverified staff member is sent to the code page (or, without an
    authenticator app yet, to set one up) for every URL except those pages and logging out.
    Elsewhere (assisted forms, downloads of residents' files) the session counts as anonymous
    until the second factor is given. Runs after django-otp's ``OTPMiddleware``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            settings.STAFF_TWO_FACTOR_REQUIRED
            and needs_second_factor(user)
            and not user.is_verified()
        ):
            if not request.path.startswith(admin_prefix()):
                request.user = AnonymousUser()
            elif not open_before_second_factor(request.path):
                return self._to_second_factor(request, user)
        return self.get_response(request)

    def _to_second_factor(self, request, user):
        name = "staffauth:verify" if user_has_device(user) else "staffauth:enrol"
        next_url = request.get_full_path() if request.method == "GET" else admin_prefix()
        return HttpResponseRedirect(f"{reverse(name)}?{urlencode({'next': next_url})}")

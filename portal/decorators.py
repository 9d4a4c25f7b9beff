from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse

from contacts.branches import acts_for_the_whole_party
from contacts.constants import SESSION_ASSURANCE_LEVEL, AssuranceLevel
from contacts.selectors import resident_for_user
from portal.session import is_portal_session


def resident_required(view):
    """Only a resident (or business) logged in through the identity provider.

    A session opened with a password (Wagtail's ``/_util/login/``, the admin login) does not
    count, even for a resident's own user: it is sent to the OIDC login like a visitor.
    Below ``PORTAL_MINIMUM_ASSURANCE`` the resident gets a page that says so.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        resident = resident_for_user(request.user) if is_portal_session(request) else None
        if resident is None:
            return redirect_to_login(request.get_full_path(), login_url=reverse("portal:login"))
        level = request.session.get(SESSION_ASSURANCE_LEVEL, "")
        minimum = settings.PORTAL_MINIMUM_ASSURANCE
        if not AssuranceLevel.at_least(level, minimum):
            return TemplateResponse(
                request,
                "portal/login_level_too_low.html",
                {
                    "required": AssuranceLevel(minimum).label,
                    "current": AssuranceLevel(level).label if level else "",
                    "next": request.get_full_path(),
                },
                status=403,
            )
        request.resident = resident
        return view(request, *args, **kwargs)

    return wrapper


def whole_party_required(view):
    """Changes to the party itself (contact details, preferences, an AVG request) only by a
    login for the whole of it: a business's login for one branch may read, and a POST from it
    does not exist (404). Put below ``resident_required``."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") and not acts_for_the_whole_party(request.resident):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.urls import reverse

from contacts.selectors import resident_for_user


def resident_required(view):
    """Only a resident logged in with DigiD; everyone else is sent to the login first."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        resident = resident_for_user(request.user)
        if resident is None:
            return redirect_to_login(request.get_full_path(), login_url=reverse("portal:login"))
        request.resident = resident
        return view(request, *args, **kwargs)

    return wrapper

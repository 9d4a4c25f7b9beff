"""Assisted digital: staff of unit Informatie fill in a form for a resident on the phone or at
the counter. The submission records the channel and the staff member as intermediary, and the
request appears in the resident's Mijn Hogeland like any other, marked as such.

The staff member has checked who the resident is (ID at the counter, questions on the phone):
that replaces the DigiD login for this one form. The choice lives in the staff member's own
session, for one form page.
"""

from contacts.constants import Channel
from contacts.models import Resident
from contacts.staff import is_active_staff

SESSION_KEY = "forms_assisted"
CHANNELS = (Channel.PHONE, Channel.COUNTER)
PERMISSION = "forms_app.add_submission"


def may_assist(user) -> bool:
    return is_active_staff(user) and user.has_perm(PERMISSION)


def start(request, *, page, resident: Resident, channel: str) -> None:
    request.session[SESSION_KEY] = {
        "page": page.pk,
        "resident": resident.pk,
        "channel": channel,
    }


def stop(request) -> None:
    request.session.pop(SESSION_KEY, None)


def current(request, page):
    """(resident, channel) when this staff member is filling in this form for someone."""
    data = request.session.get(SESSION_KEY)
    if not data or data.get("page") != page.pk or not may_assist(request.user):
        return None
    resident = Resident.objects.filter(pk=data.get("resident")).first()
    if resident is None or data.get("channel") not in CHANNELS:
        return None
    return resident, data["channel"]

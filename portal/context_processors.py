from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from contacts.constants import ResidentKind
from contacts.selectors import resident_for_user
from portal import session


def _unread(resident):
    from cases.models import Message

    return Message.objects.visible_to_resident(resident).unread_by_resident().count()


def _logged_in_as(resident) -> str:
    """The header's "on whose behalf": a business by its name in the KvK register (refreshed
    at every login) and its KvK number; a login restricted to one branch also by the branch's
    place from the register (stored at login, so no extra query), else its number."""
    if resident.kind != ResidentKind.BUSINESS:
        return _("Ingelogd als %(name)s") % {"name": resident.name} if resident.name else ""
    who = resident.name or _("KvK %(kvk)s") % {"kvk": resident.kvk_number}
    if resident.branch_scope:
        who = _("%(who)s, vestiging %(branch)s") % {
            "who": who,
            "branch": resident.branch_label or resident.branch_scope,
        }
    if resident.name:
        return _("Ingelogd namens %(who)s (KvK %(kvk)s)") % {
            "who": who,
            "kvk": resident.kvk_number,
        }
    return _("Ingelogd namens %(who)s") % {"who": who}


def portal(request):
    user = getattr(request, "user", None)
    portal_session = user is not None and session.is_portal_session(request)
    # A resident's user logged in with a password is no portal session (see resident_required).
    resident = resident_for_user(user) if portal_session else None
    return {
        "portal_resident": resident,
        # Counted only on pages that show the badge.
        "portal_unread": SimpleLazyObject(lambda: _unread(resident)) if resident else 0,
        "portal_logged_in_as": _logged_in_as(resident) if resident else "",
        "portal_session": (
            {
                "remaining": session.seconds_left(request, counting_this_request=True),
                "warning": settings.PORTAL_SESSION_WARNING_SECONDS,
                "idle_minutes": settings.PORTAL_SESSION_IDLE_SECONDS // 60,
            }
            if resident
            else None
        ),
    }

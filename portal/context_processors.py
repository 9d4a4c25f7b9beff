from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from contacts.constants import ResidentKind
from contacts.selectors import resident_for_user
from portal import session


def _unread(resident):
    from cases.models import Message

    return Message.objects.visible_to_resident(resident).unread_by_resident().count()


def _logged_in_as(request, resident) -> str:
    """The header's "on whose behalf": a business by name, else by its KvK number."""
    if resident.kind != ResidentKind.BUSINESS:
        return _("Ingelogd als %(name)s") % {"name": resident.name} if resident.name else ""
    label = resident.name or _("KvK %(kvk)s") % {"kvk": resident.kvk_number}
    branch = request.session.get(session.SESSION_KVK_BRANCH)
    if branch:
        label = _("%(label)s, vestiging %(branch)s") % {"label": label, "branch": branch}
    return _("Ingelogd namens %(label)s") % {"label": label}


def portal(request):
    user = getattr(request, "user", None)
    portal_session = user is not None and session.is_portal_session(request)
    # A resident's user logged in with a password is no portal session (see resident_required).
    resident = resident_for_user(user) if portal_session else None
    return {
        "portal_resident": resident,
        # Counted only on pages that show the badge.
        "portal_unread": SimpleLazyObject(lambda: _unread(resident)) if resident else 0,
        "portal_logged_in_as": _logged_in_as(request, resident) if resident else "",
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

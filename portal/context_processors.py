from django.utils.functional import SimpleLazyObject

from contacts.selectors import resident_for_user


def _unread(resident):
    from cases.models import Message

    return Message.objects.visible_to_resident(resident).unread_by_resident().count()


def portal(request):
    user = getattr(request, "user", None)
    resident = resident_for_user(user) if user is not None else None
    return {
        "portal_resident": resident,
        # Counted only on pages that show the badge.
        "portal_unread": SimpleLazyObject(lambda: _unread(resident)) if resident else 0,
    }

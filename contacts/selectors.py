from contacts.models import Resident


def resident_for_user(user) -> Resident | None:
    """The resident behind a logged-in portal user, or None (anonymous visitors, staff)."""
    if not user.is_authenticated:
        return None
    try:
        return user.resident
    except Resident.DoesNotExist:
        return None

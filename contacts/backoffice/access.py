"""Who works in the contact centre back office: staff who belong to a team.

Editors are staff too (they use the admin), but without a team they see no resident data.
"""

from contacts.models import Team
from contacts.staff import is_active_staff


def user_is_contact_staff(user) -> bool:
    if not is_active_staff(user):
        return False
    if user.is_superuser:
        return True
    # Asked by the menu on every admin page: remember the answer for this user object.
    cached = getattr(user, "_contacts_is_team_member", None)
    if cached is None:
        cached = user._contacts_is_team_member = Team.objects.of_user(user).exists()
    return cached

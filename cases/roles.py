"""Roles around cases that are not a team.

"Functioneel beheer" keeps the case types and their statuses in the admin. The group holds
only these permissions: no case permission and no team, so its members see no resident data.
"""

from django.contrib.auth.models import Group, Permission

FUNCTIONAL_ADMIN_GROUP = "Functioneel beheer"
FUNCTIONAL_ADMIN_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("cases", "view_casetype"),
    ("cases", "add_casetype"),
    ("cases", "change_casetype"),
]


def functional_admin_group_ensure() -> Group:
    """The group with exactly its permissions; safe to call again (the seed, a test)."""
    group, _created = Group.objects.get_or_create(name=FUNCTIONAL_ADMIN_GROUP)
    group.permissions.add(
        *(
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in FUNCTIONAL_ADMIN_PERMISSIONS
        )
    )
    return group

"""Demo teams, staff, editors and residents."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page

from cases.roles import functional_admin_group_ensure
from contacts.models import Resident, Team
from contacts.services import resident_get_or_create_by_bsn, resident_register
from demo import content

User = get_user_model()
STAFF_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("cases", "view_case"),
    ("cases", "change_case"),
    ("forms_app", "view_submission"),
]


def seed_teams(specs) -> dict[str, Team]:
    permissions = [
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in STAFF_PERMISSIONS
    ]
    teams = {}
    for spec in specs:
        group, _ = Group.objects.get_or_create(name=spec["name"])
        group.permissions.add(*permissions)
        team, _ = Team.objects.get_or_create(
            slug=spec["slug"],
            defaults={"name": spec["name"], "group": group, "email": spec["email"]},
        )
        teams[spec["slug"]] = team
    # Unit Informatie fills in forms for residents on the phone and at the counter.
    teams["informatie"].group.permissions.add(
        Permission.objects.get(content_type__app_label="forms_app", codename="add_submission")
    )
    return teams


EDITOR_MODEL_PERMISSIONS = [
    # The jargon list of the B1 hints ("Moeilijke woorden").
    ("cms", "add_jargonterm"),
    ("cms", "change_jargonterm"),
    ("cms", "delete_jargonterm"),
    ("wagtailsearchpromotions", "add_searchpromotion"),
    ("wagtailsearchpromotions", "change_searchpromotion"),
    ("wagtailsearchpromotions", "delete_searchpromotion"),
    ("cms", "add_searchsynonym"),
    ("cms", "change_searchsynonym"),
    ("cms", "delete_searchsynonym"),
]
NEWS_MODEL_PERMISSIONS = [
    ("cms", "add_alert"),
    ("cms", "change_alert"),
    ("cms", "delete_alert"),
    *EDITOR_MODEL_PERMISSIONS,
]


def _add_permissions(group: Group, pairs) -> None:
    group.permissions.add(
        *(Permission.objects.get(content_type__app_label=app, codename=code) for app, code in pairs)
    )


def seed_users(teams, staff_specs, home: Page) -> None:
    for spec in staff_specs:
        user = _user(spec, is_staff=True)
        user.groups.add(teams[spec["team"]].group)
    # Editors write and submit for review; team Nieuws approves (see demo.site._workflow).
    redactie, _ = Group.objects.get_or_create(name="Redactie")
    redactie.permissions.add(Permission.objects.get(codename="access_admin"))
    grant_page_permissions(redactie, home, types=("add", "change"))
    _add_permissions(redactie, EDITOR_MODEL_PERMISSIONS)
    # Unit Nieuws publishes alerts (gladheid, afsluitingen) and approves pages.
    _add_permissions(teams["nieuws"].group, NEWS_MODEL_PERMISSIONS)
    _user(content.EDITOR, is_staff=True).groups.add(redactie)
    _user(content.SUPERUSER, is_staff=True, is_superuser=True)
    # Functioneel beheer keeps case types and their statuses; sees no resident data.
    _user(content.FUNCTIONAL_ADMIN, is_staff=True).groups.add(functional_admin_group_ensure())


def grant_page_permissions(group: Group, page: Page, types=("add", "change", "publish")) -> None:
    for permission_type in types:
        codename = f"{permission_type}_page"
        if not GroupPagePermission.objects.filter(
            group=group, page=page, permission__codename=codename
        ).exists():
            GroupPagePermission.objects.create(
                group=group, page=page, permission_type=permission_type
            )


def _user(spec, **flags):
    user, created = User.objects.get_or_create(
        username=spec["username"],
        defaults={
            "first_name": spec["first_name"],
            "last_name": spec["last_name"],
            "email": f"{spec['username']}@hethogeland.nl",
            **flags,
        },
    )
    if created:
        user.set_password(content.DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def seed_residents() -> None:
    for person in settings.DIGID_MOCK_PERSONS:
        resident = resident_get_or_create_by_bsn(bsn=person["bsn"], name=person["name"])
        profile = {"email": person["email"], "phone": content.RESIDENT_PHONES.get(person["bsn"])}
        missing = {
            field: value
            for field, value in profile.items()
            if value and not getattr(resident, field)
        }
        if missing:
            Resident.objects.filter(pk=resident.pk).update(**missing)
    for person in content.CONTACT_RESIDENTS:
        if not Resident.objects.filter(email__iexact=person["email"]).exists():
            resident_register(**person)

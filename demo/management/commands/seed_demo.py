import json
import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import GroupPagePermission, Locale, Page, Site

from cases.models import CaseType, StatusType
from cms.models import HomePage, HomePageTopTask, ServicePage
from contacts.models import Resident, Team
from contacts.services import resident_get_or_create_by_bsn, service_norms_ensure_defaults
from demo import content
from forms_app.models import FormPage

User = get_user_model()
STAFF_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("cases", "view_case"),
    ("cases", "change_case"),
]


class Command(BaseCommand):
    help = "Load demo content, staff and residents. Safe to run again: it changes nothing then."

    @transaction.atomic
    def handle(self, *args, **options):
        teams = self._teams()
        service_norms_ensure_defaults()
        case_type = self._case_type(teams)
        self._pages(case_type)
        self._users(teams)
        self._residents()
        self.stdout.write(self.style.SUCCESS("Demo-inhoud staat klaar."))
        self._print_logins()

    def _teams(self):
        permissions = [
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in STAFF_PERMISSIONS
        ]
        teams = {}
        for spec in content.TEAMS:
            group, _ = Group.objects.get_or_create(name=spec["name"])
            group.permissions.add(*permissions)
            team, _ = Team.objects.get_or_create(
                slug=spec["slug"],
                defaults={"name": spec["name"], "group": group, "email": spec["email"]},
            )
            teams[spec["slug"]] = team
        return teams

    def _case_type(self, teams):
        spec = content.CASE_TYPE
        case_type, _ = CaseType.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                "name": spec["name"],
                "team": teams[spec["team"]],
                "lead_time_days": spec["lead_time_days"],
            },
        )
        for order, (name, is_final) in enumerate(spec["statuses"], start=1):
            StatusType.objects.get_or_create(
                case_type=case_type, name=name, defaults={"order": order, "is_final": is_final}
            )
        return case_type

    def _users(self, teams):
        for spec in content.STAFF:
            user = self._user(spec, is_staff=True)
            user.groups.add(teams[spec["team"]].group)
        editor = self._user(content.EDITOR, is_staff=True)
        editor.groups.add(self._editors_group())
        self._user(content.SUPERUSER, is_staff=True, is_superuser=True)

    def _editors_group(self):
        # Wagtail's migrations create "Editors"; a flushed database (browser tests) lacks it.
        group, created = Group.objects.get_or_create(name="Editors")
        if created:
            group.permissions.add(Permission.objects.get(codename="access_admin"))
            root = Page.get_first_root_node()
            for permission_type in ("add", "change", "publish"):
                GroupPagePermission.objects.create(
                    group=group, page=root, permission_type=permission_type
                )
        return group

    def _user(self, spec, **flags):
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

    def _residents(self):
        for person in settings.DIGID_MOCK_PERSONS:
            resident = resident_get_or_create_by_bsn(bsn=person["bsn"], name=person["name"])
            if not resident.email:
                Resident.objects.filter(pk=resident.pk).update(email=person["email"])

    def _pages(self, case_type):
        home = HomePage.objects.first()
        if home is None:
            home = self._home()
        service = ServicePage.objects.child_of(home).filter(slug=content.SERVICE["slug"]).first()
        if service is None:
            service = home.add_child(
                instance=ServicePage(
                    title=content.SERVICE["title"],
                    slug=content.SERVICE["slug"],
                    summary=content.SERVICE["summary"],
                    what=content.SERVICE["body"],
                )
            )
        form = FormPage.objects.child_of(service).filter(slug=content.FORM["slug"]).first()
        if form is None:
            form = service.add_child(
                instance=FormPage(
                    title=content.FORM["title"],
                    slug=content.FORM["slug"],
                    intro=content.FORM["intro"],
                    confirmation_text=content.FORM["confirmation_text"],
                    case_type=case_type,
                    login_required=True,
                    steps=json.dumps(_steps_stream(content.FORM["steps"])),
                )
            )
        if service.form_page_id is None:
            service.form_page = form
            service.save_revision().publish()
        if not home.top_tasks.exists():
            HomePageTopTask.objects.create(home=home, page=service, sort_order=0)

    def _home(self):
        # Wagtail's migrations create the locale and root page; a flushed database lacks them.
        Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
        home = root.add_child(
            instance=HomePage(title="Gemeente Het Hogeland", slug="start", intro=content.HOME_INTRO)
        )
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
        else:
            welcome = site.root_page
            site.root_page = home
            site.site_name = "Gemeente Het Hogeland"
            site.save()
            if welcome.specific_class is Page and not welcome.get_children().exists():
                welcome.delete()
        return home

    def _print_logins(self):
        self.stdout.write(
            f"\nDemo-logins (wachtwoord voor iedereen: {content.DEMO_PASSWORD})\n"
            "  beheer:     http://127.0.0.1:8000/admin/  gebruiker 'beheerder' (superuser)\n"
            "  redactie:   gebruiker 'redacteur'\n"
            "  medewerker: 'informatie' (team Informatie), "
            "'openbareruimte' (team Openbare ruimte)\n"
            "  inwoners:   via 'Mijn Hogeland' met DigiD (testomgeving):"
        )
        for person in settings.DIGID_MOCK_PERSONS:
            self.stdout.write(f"              {person['name']}, BSN {person['bsn']}")


def _steps_stream(steps):
    """StreamField JSON with stable block ids, so answers keep their keys across reseeds."""
    return [
        {
            "type": "step",
            "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"step:{step['title']}")),
            "value": {
                "title": step["title"],
                "intro": step["intro"],
                "fields": [
                    {
                        "type": "field",
                        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"field:{field['label']}")),
                        "value": field,
                    }
                    for field in step["fields"]
                ],
            },
        }
        for step in steps
    ]

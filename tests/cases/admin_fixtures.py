"""Teams, people and cases for the tests of the staff screens (tests/cases/test_admin*.py and
test_access.py). Import the fixtures a test module needs by name."""

import pytest
from django.contrib.auth.models import Group, Permission

from cases.services import case_create
from tests.cases.factories import CaseTypeFactory
from tests.contacts.factories import ResidentFactory, TeamFactory, UserFactory


def grant_pages(group):
    """Page rights on the whole tree, as editors have (the admin search needs them)."""
    from wagtail.models import GroupPagePermission, Page

    root = Page.get_first_root_node()
    for permission_type in ("add", "change"):
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=root,
            permission=Permission.objects.get(codename=f"{permission_type}_page"),
        )


@pytest.fixture
def team():
    return TeamFactory(name="Openbare ruimte", slug="openbare-ruimte")


@pytest.fixture
def other_team():
    return TeamFactory(name="Vergunningen", slug="vergunningen")


@pytest.fixture
def informatie():
    return TeamFactory(name="Informatie", slug="informatie")


@pytest.fixture
def case_type(team):
    return CaseTypeFactory(
        name="Melding openbare ruimte",
        team=team,
        statuses=[
            ("Ontvangen", False),
            ("In behandeling", False),
            ("Wacht op inwoner", False),
            ("Afgehandeld", True),
        ],
    )


@pytest.fixture
def resident():
    return ResidentFactory(name="Anna de Vries", email="anna@example.nl")


@pytest.fixture
def case(case_type, resident):
    """A case as a form opens it: status Ontvangen, the clock running on the norm."""
    return case_create(
        case_type=case_type, title="Losse stoeptegel Zuiderstraat", resident=resident
    )


@pytest.fixture
def member(team, staff_of):
    return staff_of(team, first_name="Omar", last_name="Visser")


@pytest.fixture
def colleague(team, staff_of):
    return staff_of(team, first_name="Karin", last_name="Bakker")


@pytest.fixture
def outsider(other_team, staff_of):
    return staff_of(other_team, first_name="Vera", last_name="Vos")


@pytest.fixture
def informant(informatie, staff_of):
    return staff_of(informatie, first_name="Ilse", last_name="Smit")


@pytest.fixture
def editor():
    """An editor: admin access and page rights, no team, no case permissions."""
    group, _ = Group.objects.get_or_create(name="Redactie")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    grant_pages(group)
    user = UserFactory(is_staff=True, first_name="Renée", last_name="de Boer")
    user.groups.add(group)
    return user


def file_from_resident(case, team):
    """A message on the case from its resident, with a PNG attached (the staff download)."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from cases.constants import MessageDirection
    from cases.models import Message, MessageAttachment

    message = Message.objects.create(
        case=case,
        resident=case.resident,
        team=team,
        subject="Foto",
        body="Zie bijlage.",
        direction=MessageDirection.FROM_RESIDENT,
        sent_at=timezone.now(),
    )
    return MessageAttachment.objects.create(
        message=message,
        file=SimpleUploadedFile("stoep.png", b"\x89PNG\r\n\x1a\n"),
        original_name="stoep.png",
        content_type="image/png",
        size=8,
    )

import pytest
from django.contrib.auth.models import Permission
from django.core import mail

from cases.constants import EventKind
from cases.models import CaseEvent
from contacts.models import AccessLogEntry
from tests.cases.factories import CaseFactory, CaseTypeFactory
from tests.contacts.factories import ResidentFactory, TeamFactory, UserFactory

LIST_URL = "/admin/cases/case/"


def edit_url(case):
    return f"/admin/cases/case/edit/{case.pk}/"


@pytest.fixture
def case():
    resident = ResidentFactory(name="Anna de Vries", email="anna@example.nl")
    return CaseFactory(
        reference="HH-2026-ACDEFG",
        title="Losse stoeptegel",
        resident=resident,
        case_type=CaseTypeFactory(team=TeamFactory(name="Openbare ruimte")),
    )


@pytest.fixture
def other_team_case():
    return CaseFactory(
        reference="HH-2026-KMNPQR",
        title="Parkeervergunning",
        case_type=CaseTypeFactory(team=TeamFactory(name="Vergunningen")),
    )


# The list


@pytest.mark.django_db
def test_team_member_sees_the_case_in_the_list(client, staff_of, case, other_team_case):
    client.force_login(staff_of(case.team))

    response = client.get(LIST_URL)

    assert response.status_code == 200
    content = response.content.decode()
    assert "HH-2026-ACDEFG" in content
    assert "HH-2026-KMNPQR" not in content


@pytest.mark.django_db
def test_staff_of_another_team_does_not_see_the_case_in_the_list(
    client, staff_of, case, other_team_case
):
    client.force_login(staff_of(other_team_case.team))

    response = client.get(LIST_URL)

    assert response.status_code == 200
    content = response.content.decode()
    assert "HH-2026-KMNPQR" in content
    assert "HH-2026-ACDEFG" not in content


# Opening a case


@pytest.mark.django_db
def test_team_member_opens_the_case(client, staff_of, case):
    client.force_login(staff_of(case.team))

    response = client.get(edit_url(case))

    assert response.status_code == 200
    content = response.content.decode()
    assert "HH-2026-ACDEFG" in content
    assert "Losse stoeptegel" in content
    assert "Anna de Vries" in content


@pytest.mark.django_db
def test_opening_a_case_is_logged_for_the_resident(client, staff_of, case):
    user = staff_of(case.team, first_name="Jan", last_name="Jansen")
    client.force_login(user)

    client.get(edit_url(case))

    entry = AccessLogEntry.objects.get(resident=case.resident)
    assert entry.user == user
    assert entry.user_display == "Jan Jansen"
    assert "HH-2026-ACDEFG" in entry.what


@pytest.mark.django_db
def test_staff_of_another_team_gets_404_and_no_log_entry(client, staff_of, case, other_team_case):
    client.force_login(staff_of(other_team_case.team))

    response = client.get(edit_url(case))

    assert response.status_code == 404
    assert not AccessLogEntry.objects.filter(resident=case.resident).exists()


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_the_login_page(client, case):
    response = client.get(edit_url(case))

    assert response.status_code == 302
    assert "login" in response["Location"]
    assert not AccessLogEntry.objects.exists()


# Changing the status


@pytest.mark.django_db
def test_team_member_changes_the_status(client, staff_of, case, django_capture_on_commit_callbacks):
    user = staff_of(case.team)
    client.force_login(user)
    in_progress = case.case_type.statuses.get(name="In behandeling")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            edit_url(case), {"status": in_progress.pk, "message": "We komen volgende week."}
        )

    assert response.status_code == 302
    assert response["Location"] == LIST_URL
    case.refresh_from_db()
    assert case.status == in_progress
    assert case.handler == user
    event = CaseEvent.objects.get(case=case, kind=EventKind.STATUS)
    assert event.text == "We komen volgende week."
    assert event.visible_to_resident
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.nl"]
    assert "We komen volgende week." in mail.outbox[0].body

    listing = client.get(LIST_URL)
    assert "HH-2026-ACDEFG" in listing.content.decode()


@pytest.mark.django_db
def test_status_of_another_case_type_gives_400_and_changes_nothing(
    client, staff_of, case, django_capture_on_commit_callbacks
):
    client.force_login(staff_of(case.team))
    foreign_status = CaseTypeFactory().statuses.get(name="In behandeling")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(case), {"status": foreign_status.pk, "message": "Hallo"})

    assert response.status_code == 400
    assert "Kies een status die bij deze aanvraag hoort." in response.content.decode()
    case.refresh_from_db()
    assert case.status.name == "Ontvangen"
    assert case.handler is None
    assert not CaseEvent.objects.filter(case=case).exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_same_status_without_message_gives_400_with_a_dutch_error(client, staff_of, case):
    client.force_login(staff_of(case.team))

    response = client.post(edit_url(case), {"status": case.status_id, "message": ""})

    assert response.status_code == 400
    assert "De aanvraag heeft deze status al." in response.content.decode()
    assert not CaseEvent.objects.filter(case=case).exists()


@pytest.mark.django_db
def test_staff_of_another_team_cannot_change_the_status(client, staff_of, case, other_team_case):
    client.force_login(staff_of(other_team_case.team))
    in_progress = case.case_type.statuses.get(name="In behandeling")

    response = client.post(edit_url(case), {"status": in_progress.pk, "message": "Hallo"})

    assert response.status_code == 404
    case.refresh_from_db()
    assert case.status.name == "Ontvangen"
    assert not CaseEvent.objects.filter(case=case).exists()


# Permissions within the team


def team_member_with(team, codenames, **kwargs):
    """A staff user in ``team`` whose group has only the given permissions."""
    team.group.permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["cases", "wagtailadmin"], codename__in=codenames
        )
    )
    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(team.group)
    return user


@pytest.mark.django_db
def test_team_member_without_change_permission_cannot_change_the_status(
    client, case, django_capture_on_commit_callbacks
):
    client.force_login(team_member_with(case.team, ["access_admin", "view_case"]))
    closed = case.case_type.statuses.get(name="Afgehandeld")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit_url(case), {"status": closed.pk, "message": "Afgehandeld."})

    case.refresh_from_db()
    assert case.status.name == "Ontvangen"
    assert case.closed_at is None
    assert not CaseEvent.objects.filter(case=case).exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_team_member_without_case_permissions_cannot_open_the_case(client, case):
    client.force_login(team_member_with(case.team, ["access_admin"]))

    listing = client.get(LIST_URL)
    response = client.get(edit_url(case))

    assert listing.status_code != 200  # the list is refused ...
    assert response.status_code != 200  # ... and so must the case itself be
    assert not AccessLogEntry.objects.filter(resident=case.resident).exists()

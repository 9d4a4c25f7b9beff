"""The case list and the case screen in the Wagtail admin: who sees what, and what is logged."""

import datetime as dt

import pytest
from django.utils import timezone

from cases.services import case_add_note, case_request_information, case_reschedule
from contacts.models import AccessLogEntry
from tests.cases.admin_fixtures import *  # noqa: F403 (shared fixtures)
from tests.cases.factories import CaseFactory, CaseTypeFactory
from tests.contacts.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/cases/case/"


def edit_url(case):
    return f"/admin/cases/case/edit/{case.pk}/"


@pytest.fixture
def other_teams_case(other_team):
    return CaseFactory(
        reference="HH-2026-KMNPQR",
        title="Parkeervergunning Hoofdstraat",
        case_type=CaseTypeFactory(team=other_team),
    )


# The list


def test_team_member_sees_only_their_teams_cases_in_the_list(
    client, member, case, other_teams_case
):
    client.force_login(member)

    content = client.get(LIST_URL).content.decode()

    assert case.reference in content
    assert "HH-2026-KMNPQR" not in content


def test_unit_informatie_sees_every_case_in_the_list(client, informant, case, other_teams_case):
    client.force_login(informant)

    content = client.get(LIST_URL).content.decode()

    assert case.reference in content
    assert "HH-2026-KMNPQR" in content


def test_editor_is_refused_the_list(client, editor, case):
    client.force_login(editor)

    response = client.get(LIST_URL)

    assert response.status_code == 403
    assert case.reference not in response.content.decode()


def test_the_list_shows_no_resident_names(client, member, case):
    client.force_login(member)

    assert "Anna de Vries" not in client.get(LIST_URL).content.decode()


# Opening a case


def test_team_member_opens_the_case_with_everything_to_act_on(client, member, case):
    client.force_login(member)

    response = client.get(edit_url(case))

    assert response.status_code == 200
    content = response.content.decode()
    for text in [case.reference, "Losse stoeptegel Zuiderstraat", "Anna de Vries"]:
        assert text in content
    for button in ["Ik behandel deze aanvraag", "Status opslaan", "Vraag versturen",
                   "Doorzetten", "Taak aanmaken", "Notitie opslaan", "Bericht versturen",
                   "Nieuwe datum opslaan", "Aanvraag afronden"]:  # fmt: skip
        assert button in content


def test_each_look_at_a_case_is_one_entry_in_the_residents_access_log(client, member, case):
    client.force_login(member)

    client.get(edit_url(case))
    client.get(edit_url(case))

    entries = AccessLogEntry.objects.filter(resident=case.resident)
    assert entries.count() == 2
    entry = entries.first()
    assert entry.user == member
    assert entry.user_display == "Omar Visser"
    assert entry.what == f"Aanvraag {case.reference}"
    assert entry.reason == "Behandeling van de aanvraag"


def test_another_team_gets_404_and_the_attempt_is_logged(client, outsider, case):
    client.force_login(outsider)

    response = client.get(edit_url(case))

    assert response.status_code == 404
    assert case.reference not in response.content.decode()
    entry = AccessLogEntry.objects.get(resident=case.resident)
    assert entry.user == outsider
    assert entry.reason == "Poging tot inzage zonder recht"
    assert entry.what == f"Aanvraag {case.reference}"


def test_attempt_on_a_case_without_resident_is_404_without_log(client, outsider, case_type):
    anonymous_case = CaseFactory(case_type=case_type, resident=None, email="x@example.nl")
    client.force_login(outsider)

    assert client.get(edit_url(anonymous_case)).status_code == 404
    assert not AccessLogEntry.objects.exists()


def test_a_case_that_does_not_exist_is_404(client, member):
    client.force_login(member)

    assert client.get("/admin/cases/case/edit/999999/").status_code == 404


def test_anonymous_visitor_is_sent_to_the_login_page(client, case):
    response = client.get(edit_url(case))

    assert response.status_code == 302
    assert "login" in response["Location"]
    assert not AccessLogEntry.objects.exists()


def test_team_member_without_case_permissions_cannot_open_the_case(client, team, case):
    from django.contrib.auth.models import Permission

    team.group.permissions.set(Permission.objects.filter(codename="access_admin"))
    user = UserFactory(is_staff=True)
    user.groups.add(team.group)
    client.force_login(user)

    assert client.get(LIST_URL).status_code == 403
    assert client.get(edit_url(case)).status_code == 404
    assert AccessLogEntry.objects.get().reason == "Poging tot inzage zonder recht"


# Unit Informatie reads, and does not act


def test_unit_informatie_reads_status_and_timeline_but_not_the_notes(
    client, informant, member, case
):
    case_add_note(case=case, text="Buurman is lastig, voorzichtig zijn", by=member)
    client.force_login(informant)

    response = client.get(edit_url(case))

    assert response.status_code == 200
    content = response.content.decode()
    assert case.reference in content
    assert "Ontvangen" in content
    assert "Buurman is lastig" not in content
    assert "U kunt deze aanvraag lezen. Team Openbare ruimte behandelt haar." in content
    assert "Status opslaan" not in content
    entry = AccessLogEntry.objects.get(resident=case.resident)
    assert (entry.user, entry.reason) == (informant, "Inzage in status en tijdlijn")


def test_unit_informatie_cannot_act_on_another_teams_case(client, informant, case):
    client.force_login(informant)
    status = case.case_type.statuses.get(name="In behandeling")

    response = client.post(
        edit_url(case) + "status/", {"status-status": status.pk, "status-notify": "on"}
    )

    assert response.status_code == 403
    case.refresh_from_db()
    assert case.status.name == "Ontvangen"


def test_the_team_reads_its_own_internal_notes(client, member, colleague, case):
    case_add_note(case=case, text="Foto's gevraagd bij de aannemer", by=colleague)
    client.force_login(member)

    content = client.get(edit_url(case)).content.decode()

    assert "Foto&#x27;s gevraagd bij de aannemer" in content
    assert "intern" in content


# The norm clock on the case screen


def test_the_clock_shows_the_due_date_and_the_share_of_time_used(client, member, case):
    client.force_login(member)

    content = client.get(edit_url(case)).content.decode()

    assert "5 werkdagen" in content
    assert 'data-testid="clock-used">0%' in content
    assert "Op schema" in content


def test_a_paused_clock_says_so(client, member, case):
    case_request_information(case=case, subject="Foto nodig", body="Stuur een foto.", by=member)
    client.force_login(member)

    content = client.get(edit_url(case)).content.decode()

    assert "Klok staat stil" in content
    assert 'data-testid="clock-paused"' in content


def test_a_new_date_shows_the_first_promise_and_the_reason(client, member, case):
    first = case.due_on
    new_date = first + dt.timedelta(days=14)
    while new_date.weekday() >= 5:
        new_date += dt.timedelta(days=1)
    case_reschedule(case=case, due_on=new_date, reason="Aannemer heeft vertraging", by=member)
    client.force_login(member)

    content = client.get(edit_url(case)).content.decode()

    assert 'data-testid="clock-original"' in content
    assert "Aannemer heeft vertraging" in content


def test_a_clock_past_its_date_is_late(client, member, case):
    from contacts.models import NormClock

    NormClock.objects.filter(pk=case.clock_id).update(
        started_at=timezone.now() - dt.timedelta(days=30),
        due_at=timezone.now() - dt.timedelta(days=2),
    )
    client.force_login(member)

    content = client.get(edit_url(case)).content.decode()

    assert 'data-testid="clock-state">Te laat' in content


def test_a_member_of_two_teams_acts_on_both(client, member, other_teams_case):
    member.groups.add(other_teams_case.team.group)
    client.force_login(member)

    assert "Status opslaan" in client.get(edit_url(other_teams_case)).content.decode()


def test_superuser_reads_and_acts_on_every_case(client, other_teams_case):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    assert "Status opslaan" in client.get(edit_url(other_teams_case)).content.decode()


def test_a_team_with_a_sub_task_reads_the_case(client, member, outsider, case, other_team):
    from cases.services import case_open_subtask

    case_open_subtask(case=case, team=other_team, description="Vergunning nodig?", by=member)
    client.force_login(outsider)

    response = client.get(edit_url(case))

    assert response.status_code == 200
    assert "Vergunning nodig?" in response.content.decode()
    assert "Taak afronden" in response.content.decode()
    assert "Status opslaan" not in response.content.decode()


def test_an_unrelated_team_still_gets_404(client, staff_of, case):
    client.force_login(staff_of(TeamFactory()))

    assert client.get(edit_url(case)).status_code == 404

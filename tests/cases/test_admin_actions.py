"""Every action on the case screen: one form, one service, PRG on success, a Dutch error in the
form on bad input (status 400) with nothing changed."""

import datetime as dt

import pytest
from django.core import mail
from django.utils.formats import date_format

from cases.constants import EventKind, MessageDirection
from cases.models import CaseEvent, Message
from contacts.constants import TaskStatus
from contacts.models import Task
from contacts.norms import work_calendar
from tests.cases.admin_fixtures import *  # noqa: F403 (shared fixtures)
from tests.cases.factories import CaseTypeFactory

pytestmark = pytest.mark.django_db


def edit_url(case):
    return f"/admin/cases/case/edit/{case.pk}/"


def act(client, case, action, data, capture=None):
    fields = {f"{action}-{name}": value for name, value in data.items()}
    if capture is None:
        return client.post(f"{edit_url(case)}{action}/", fields)
    with capture(execute=True):
        return client.post(f"{edit_url(case)}{action}/", fields)


def events(case, kind):
    return CaseEvent.objects.filter(case=case, kind=kind)


@pytest.fixture
def logged_in(client, member):
    client.force_login(member)
    return client


def next_working_day_after(day, days=1):
    calendar = work_calendar()
    day = day + dt.timedelta(days=days)
    while not calendar.is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def test_get_on_an_action_url_goes_back_to_the_case(logged_in, case):
    response = logged_in.get(edit_url(case) + "note/")

    assert response.status_code == 302
    assert response["Location"] == edit_url(case)


# Take


def test_take_makes_me_the_handler(logged_in, member, case):
    response = act(logged_in, case, "take", {})

    assert response.status_code == 302
    assert response["Location"] == edit_url(case)
    case.refresh_from_db()
    assert case.handler == member
    event = events(case, EventKind.ASSIGNMENT).get()
    assert event.visible_to_resident
    page = logged_in.get(response["Location"]).content.decode()
    assert f"U behandelt nu aanvraag {case.reference}." in page
    assert "Ik behandel deze aanvraag" not in page


# Status


def test_status_change_tells_the_resident(
    logged_in, member, case, django_capture_on_commit_callbacks
):
    status = case.case_type.statuses.get(name="In behandeling")

    response = act(
        logged_in,
        case,
        "status",
        {"status": status.pk, "message": "We komen volgende week.", "notify": "on"},
        django_capture_on_commit_callbacks,
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == status
    assert case.handler == member
    event = events(case, EventKind.STATUS).get()
    assert (event.text, event.visible_to_resident) == ("We komen volgende week.", True)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.nl"]
    assert "We komen volgende week." in mail.outbox[0].body


def test_staff_are_not_told_an_email_goes_out_when_there_is_no_address(
    logged_in, case, django_capture_on_commit_callbacks
):
    type(case.resident).objects.filter(pk=case.resident_id).update(email="")
    status = case.case_type.statuses.get(name="In behandeling")

    response = act(
        logged_in,
        case,
        "status",
        {"status": status.pk, "notify": "on"},
        django_capture_on_commit_callbacks,
    )

    page = logged_in.get(response["Location"]).content.decode()
    assert "De inwoner krijgt een e-mail." not in page
    assert "De inwoner krijgt geen e-mail" in page
    assert mail.outbox == []


def test_status_change_without_informing_sends_no_mail(
    logged_in, case, django_capture_on_commit_callbacks
):
    status = case.case_type.statuses.get(name="In behandeling")

    act(logged_in, case, "status", {"status": status.pk}, django_capture_on_commit_callbacks)

    case.refresh_from_db()
    assert case.status == status
    assert mail.outbox == []


def test_status_of_another_case_type_is_refused(
    logged_in, case, django_capture_on_commit_callbacks
):
    foreign = CaseTypeFactory().statuses.get(name="In behandeling")

    response = act(
        logged_in,
        case,
        "status",
        {"status": foreign.pk, "message": "Hallo", "notify": "on"},
        django_capture_on_commit_callbacks,
    )

    assert response.status_code == 400
    content = response.content.decode()
    assert "Kies een status die bij deze aanvraag hoort." in content
    assert "<title>Fout: " in content
    case.refresh_from_db()
    assert case.status.name == "Ontvangen"
    assert not events(case, EventKind.STATUS).exists()
    assert mail.outbox == []


def test_closing_is_not_a_plain_status_change(logged_in, case):
    final = case.case_type.statuses.get(is_final=True)

    response = act(logged_in, case, "status", {"status": final.pk})

    assert response.status_code == 400
    case.refresh_from_db()
    assert case.closed_at is None


def test_same_status_without_message_is_refused_in_dutch(logged_in, case):
    response = act(logged_in, case, "status", {"status": case.status_id})

    assert response.status_code == 400
    assert "De aanvraag heeft deze status al." in response.content.decode()


def test_a_pausing_status_stops_the_clock(logged_in, case_type, case):
    waiting = case_type.statuses.get(name="Wacht op inwoner")
    waiting.pauses_clock = True
    waiting.save()

    act(logged_in, case, "status", {"status": waiting.pk})

    case.clock.refresh_from_db()
    assert case.clock.paused_at is not None


# More information from the resident


def test_asking_for_information_pauses_the_clock(
    logged_in, case, django_capture_on_commit_callbacks
):
    response = act(
        logged_in,
        case,
        "information",
        {"subject": "Foto nodig", "body": "Kunt u een foto sturen van de tegel?"},
        django_capture_on_commit_callbacks,
    )

    assert response.status_code == 302
    case.clock.refresh_from_db()
    assert case.clock.paused_at is not None
    message = Message.objects.get(case=case)
    assert message.direction == MessageDirection.TO_RESIDENT
    assert events(case, EventKind.INFO_REQUESTED).get().visible_to_resident
    assert len(mail.outbox) == 1
    assert "Kunt u een foto sturen" not in mail.outbox[0].body  # the notice carries no text
    page = logged_in.get(edit_url(case)).content.decode()
    assert "Klok staat stil" in page


def test_asking_without_a_question_is_refused(logged_in, case):
    response = act(logged_in, case, "information", {"subject": "Foto nodig", "body": ""})

    assert response.status_code == 400
    assert "Schrijf wat u van de inwoner nodig heeft." in response.content.decode()
    case.clock.refresh_from_db()
    assert case.clock.paused_at is None


def test_nobody_to_ask_is_refused(logged_in, case):
    case.resident = None
    case.email = ""
    case.save()

    response = act(logged_in, case, "information", {"subject": "Foto", "body": "Stuur een foto"})

    assert response.status_code == 400
    assert "Er is geen inwoner of e-mailadres" in response.content.decode()


# Forward


def test_forward_hands_the_case_to_another_team(logged_in, case, other_team):
    response = act(logged_in, case, "forward", {"team": other_team.pk, "note": "Is een vergunning"})

    # The case left the team: back to the list, with the message.
    assert response.status_code == 302
    assert response["Location"] == "/admin/cases/case/"
    case.refresh_from_db()
    assert (case.team, case.handler) == (other_team, None)
    note = events(case, EventKind.NOTE).get()
    assert (note.text, note.visible_to_resident) == ("Is een vergunning", False)
    assert events(case, EventKind.FORWARD).filter(visible_to_resident=True).exists()
    assert logged_in.get(edit_url(case)).status_code == 404


def test_forward_to_a_team_that_does_not_exist_is_refused(logged_in, case, team):
    response = act(logged_in, case, "forward", {"team": 999999})

    assert response.status_code == 400
    assert "Kies een team uit de lijst." in response.content.decode()
    case.refresh_from_db()
    assert case.team == team


def test_forward_to_the_own_team_is_refused(logged_in, case, team):
    response = act(logged_in, case, "forward", {"team": team.pk})

    assert response.status_code == 400
    assert not events(case, EventKind.FORWARD).exists()


# Sub-tasks with other teams


def test_sub_task_for_another_team_is_visible_to_both(client, member, outsider, case, other_team):
    client.force_login(member)

    response = act(client, case, "subtask", {"team": other_team.pk, "description": "Kap nodig?"})

    assert response.status_code == 302
    task = Task.objects.get(cases=case)
    assert (task.team, task.status) == (other_team, TaskStatus.OPEN)

    # The other team reads the case and reports its part as done.
    client.force_login(outsider)
    page = client.get(edit_url(case)).content.decode()
    assert "Kap nodig?" in page
    done = client.post(
        f"{edit_url(case)}task/{task.pk}/", {f"task-{task.pk}-outcome": "Geen kapvergunning nodig"}
    )
    assert done.status_code == 302
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE

    # And the handling team sees the outcome.
    client.force_login(member)
    assert "Geen kapvergunning nodig" in client.get(edit_url(case)).content.decode()


def test_sub_task_without_description_is_refused(logged_in, case, other_team):
    response = act(logged_in, case, "subtask", {"team": other_team.pk, "description": " "})

    assert response.status_code == 400
    assert "Beschrijf wat het andere team moet doen." in response.content.decode()
    assert not Task.objects.exists()


def test_completing_another_teams_task_is_404(logged_in, member, case, other_team):
    from cases.services import case_open_subtask

    task = case_open_subtask(case=case, team=other_team, description="Kijken", by=member)

    response = logged_in.post(f"{edit_url(case)}task/{task.pk}/", {f"task-{task.pk}-outcome": "x"})

    assert response.status_code == 404
    task.refresh_from_db()
    assert task.status == TaskStatus.OPEN


# Notes


def test_note_is_internal(logged_in, case):
    response = act(logged_in, case, "note", {"text": "Aannemer gebeld."})

    assert response.status_code == 302
    note = events(case, EventKind.NOTE).get()
    assert not note.visible_to_resident
    assert not CaseEvent.objects.visible_to_resident(case.resident).filter(pk=note.pk).exists()


def test_empty_note_is_refused(logged_in, case):
    response = act(logged_in, case, "note", {"text": "   "})

    assert response.status_code == 400
    assert "Schrijf een notitie." in response.content.decode()
    assert not events(case, EventKind.NOTE).exists()


# Message to the resident


def test_message_reaches_the_residents_inbox(logged_in, case, django_capture_on_commit_callbacks):
    response = act(
        logged_in,
        case,
        "message",
        {"subject": "Planning", "body": "De tegel wordt dinsdag gelegd."},
        django_capture_on_commit_callbacks,
    )

    assert response.status_code == 302
    message = Message.objects.get(case=case)
    assert message.body == "De tegel wordt dinsdag gelegd."
    assert len(mail.outbox) == 1
    assert "dinsdag" not in mail.outbox[0].body


def test_message_without_subject_is_refused(logged_in, case):
    response = act(logged_in, case, "message", {"subject": "", "body": "Tekst"})

    assert response.status_code == 400
    assert "Vul een onderwerp in." in response.content.decode()
    assert not Message.objects.exists()


# A new date


def test_new_date_with_a_reason_tells_the_resident(
    logged_in, case, django_capture_on_commit_callbacks
):
    first = case.due_on
    new_date = next_working_day_after(first, 10)

    response = act(
        logged_in,
        case,
        "reschedule",
        {"due_on": new_date.isoformat(), "reason": "De aannemer heeft vertraging."},
        django_capture_on_commit_callbacks,
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.due_on == new_date
    case.clock.refresh_from_db()
    assert case.clock.original_due_at is not None
    event = events(case, EventKind.RESCHEDULED).get()
    assert event.visible_to_resident
    assert "De aannemer heeft vertraging." in event.text
    # In words, as every other date the resident reads ("22 december 2026").
    assert date_format(new_date, "j F Y") in event.text
    assert date_format(first, "j F Y") in event.text
    assert len(mail.outbox) == 1


def test_new_date_in_the_past_is_refused(logged_in, case):
    due_on = case.due_on

    response = act(logged_in, case, "reschedule", {"due_on": "2020-01-06", "reason": "Vergeten"})

    assert response.status_code == 400
    assert "Kies een datum na vandaag." in response.content.decode()
    case.refresh_from_db()
    assert case.due_on == due_on


def test_new_date_on_a_closed_day_is_refused(logged_in, case):
    saturday = case.due_on + dt.timedelta(days=(5 - case.due_on.weekday()) % 7 or 7)

    response = act(logged_in, case, "reschedule", {"due_on": saturday.isoformat(), "reason": "x"})

    assert response.status_code == 400
    assert "Kies een werkdag." in response.content.decode()


def test_new_date_without_a_reason_is_refused(logged_in, case):
    response = act(
        logged_in,
        case,
        "reschedule",
        {"due_on": next_working_day_after(case.due_on).isoformat(), "reason": ""},
    )

    assert response.status_code == 400
    assert "Geef een reden voor de nieuwe datum." in response.content.decode()


# Close


def test_close_with_a_result(logged_in, case, django_capture_on_commit_callbacks):
    response = act(
        logged_in,
        case,
        "close",
        {"result": "Tegel is teruggelegd."},
        django_capture_on_commit_callbacks,
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.closed_at is not None
    assert case.status.is_final
    assert case.result == "Tegel is teruggelegd."
    case.clock.refresh_from_db()
    assert case.clock.stopped_at is not None
    page = logged_in.get(edit_url(case)).content.decode()
    assert "Aanvraag afronden" not in page
    assert "Tegel is teruggelegd." in page


def test_closing_without_a_result_is_refused(logged_in, case):
    response = act(logged_in, case, "close", {"result": "  "})

    assert response.status_code == 400
    assert "Vul het resultaat in." in response.content.decode()
    case.refresh_from_db()
    assert case.closed_at is None


def test_closing_twice_is_refused(logged_in, case, member):
    from cases.services import case_close

    case_close(case=case, result="Klaar", by=member)

    response = act(logged_in, case, "close", {"result": "Nog eens"})

    assert response.status_code == 400


# Permissions


def test_team_member_without_change_permission_cannot_act(client, team, case):
    from django.contrib.auth.models import Permission

    from tests.contacts.factories import UserFactory

    team.group.permissions.set(
        Permission.objects.filter(codename__in=["access_admin", "view_case"])
    )
    user = UserFactory(is_staff=True)
    user.groups.add(team.group)
    client.force_login(user)

    assert client.get(edit_url(case)).status_code == 200
    response = act(client, case, "note", {"text": "Hallo"})

    assert response.status_code == 403
    assert not events(case, EventKind.NOTE).exists()


def test_another_team_cannot_act(client, outsider, case):
    client.force_login(outsider)

    response = act(client, case, "note", {"text": "Hallo"})

    assert response.status_code == 404
    assert not events(case, EventKind.NOTE).exists()

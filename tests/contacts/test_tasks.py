"""Tasks in the admin (contacts/backoffice/work.py): queues, claim, hand over, complete."""

import datetime as dt

import pytest
from django.utils import timezone

from contacts.constants import Channel, Direction, Outcome, TaskKind, TaskStatus
from contacts.models import AccessLogEntry, ContactMoment, Task
from contacts.selectors import work_count
from contacts.services import contact_moment_register, task_create
from tests.contacts.factories import ResidentFactory, TeamFactory

WORK_URL = "/admin/taken/"


def task_url(task, action=""):
    return f"/admin/taken/{task.pk}/{action + '/' if action else ''}"


@pytest.fixture
def wmo():
    return TeamFactory(name="Wmo", slug="wmo")


@pytest.fixture
def ilse(staff_of, informatie):
    return staff_of(informatie, first_name="Ilse", last_name="Smit")


@pytest.fixture
def joris(staff_of, informatie):
    return staff_of(informatie, first_name="Joris", last_name="Mulder")


@pytest.fixture
def anna():
    return ResidentFactory(name="Anna de Vries", phone="06 12345678")


def callback_for(team, resident=None, topic="Afvalpas kwijt"):
    contact = contact_moment_register(
        channel=Channel.PHONE, topic=topic, resident=resident, team=team, outcome=Outcome.CALLBACK
    )
    return task_create(kind=TaskKind.CALLBACK, team=team, description=topic, contact_moment=contact)


# Queues


@pytest.mark.django_db
def test_my_work_lists_my_teams_tasks_only(client, ilse, informatie, wmo):
    mine = callback_for(informatie, topic="Afvalpas kwijt")
    callback_for(wmo, topic="Traplift")
    client.force_login(ilse)

    response = client.get(WORK_URL)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Afvalpas kwijt" in content
    assert "Traplift" not in content
    assert task_url(mine) in content


@pytest.mark.django_db
def test_queue_filters_new_due_today_overdue_and_claimed_by_me(client, ilse, informatie):
    now = timezone.now()
    new = callback_for(informatie, topic="Nieuw en ver weg")
    late = callback_for(informatie, topic="Al te laat")
    Task.objects.filter(pk=late.pk).update(due_at=now - dt.timedelta(hours=1))
    today = callback_for(informatie, topic="Vandaag nog")
    end_of_day = timezone.localtime(now).replace(hour=23, minute=59)
    Task.objects.filter(pk=today.pk).update(
        due_at=max(end_of_day, now + dt.timedelta(minutes=1)), assignee=ilse
    )
    client.force_login(ilse)

    content = client.get(WORK_URL).content.decode()
    assert "Alle open taken (3)" in content
    assert "Nieuw (2)" in content
    assert "Vandaag uiterlijk (1)" in content
    assert "Te laat (1)" in content
    assert "Door mij opgepakt (1)" in content

    overdue = client.get(WORK_URL + "?filter=te-laat").content.decode()
    assert "Al te laat" in overdue
    assert "(te laat)" in overdue
    assert "Nieuw en ver weg" not in overdue
    claimed = client.get(WORK_URL + "?filter=opgepakt").content.decode()
    assert "Vandaag nog" in claimed
    assert new.description not in claimed


@pytest.mark.django_db
def test_team_queue_shows_colleagues_claims(client, ilse, joris, informatie):
    task = callback_for(informatie, topic="Opgepakt door Joris")
    Task.objects.filter(pk=task.pk).update(assignee=joris)
    client.force_login(ilse)

    assert "Opgepakt door Joris" not in client.get(WORK_URL).content.decode()
    team_page = client.get(WORK_URL + "team/informatie/").content.decode()
    assert "Opgepakt door Joris" in team_page
    assert "Joris Mulder" in team_page


@pytest.mark.django_db
def test_queue_of_another_team_is_404(client, ilse, wmo):
    client.force_login(ilse)

    assert client.get(WORK_URL + "team/wmo/").status_code == 404


@pytest.mark.django_db
def test_menu_shows_the_count_of_my_work(client, ilse, informatie, wmo):
    callback_for(informatie)
    claimed = callback_for(informatie)
    Task.objects.filter(pk=claimed.pk).update(assignee=ilse)
    callback_for(wmo)
    client.force_login(ilse)

    content = client.get("/admin/").content.decode()

    assert "Mijn werk (2)" in content
    assert "Contact registreren" in content


@pytest.mark.django_db
def test_work_count_is_one_query(ilse, informatie, django_assert_num_queries):
    callback_for(informatie)
    ilse.groups.all()  # nothing cached on the user object beforehand

    with django_assert_num_queries(1):
        assert work_count(ilse) == 1


@pytest.mark.django_db
def test_editor_sees_no_task_menu(client):
    from django.contrib.auth.models import Permission

    from tests.contacts.factories import UserFactory

    editor = UserFactory(is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)

    content = client.get("/admin/").content.decode()

    assert "Mijn werk" not in content
    assert "Contact registreren" not in content
    assert client.get(WORK_URL).url == "/admin/"  # Wagtail's answer to PermissionDenied


# One task


@pytest.mark.django_db
def test_task_of_another_team_is_404_everywhere(client, ilse, wmo):
    task = callback_for(wmo)
    client.force_login(ilse)

    assert client.get(task_url(task)).status_code == 404
    assert client.post(task_url(task, "oppakken")).status_code == 404
    assert client.post(task_url(task, "afronden"), {"outcome": "Gebeld"}).status_code == 404
    assert client.post(task_url(task, "overdragen"), {"to": ilse.pk}).status_code == 404
    task.refresh_from_db()
    assert task.assignee is None
    assert task.status == TaskStatus.OPEN


@pytest.mark.django_db
def test_task_page_shows_the_phone_number_and_logs_the_look(client, ilse, informatie, anna):
    task = callback_for(informatie, resident=anna)
    client.force_login(ilse)

    response = client.get(task_url(task))

    assert response.status_code == 200
    assert "06 12345678" in response.content.decode()
    entry = AccessLogEntry.objects.get()
    assert entry.resident == anna
    assert entry.user == ilse


@pytest.mark.django_db
def test_claim(client, ilse, informatie):
    task = callback_for(informatie)
    client.force_login(ilse)

    response = client.post(task_url(task, "oppakken"), follow=True)

    task.refresh_from_db()
    assert task.assignee == ilse
    assert task.claimed_at is not None
    assert "U heeft de taak opgepakt." in response.content.decode()


@pytest.mark.django_db
def test_second_claim_hears_who_was_first(client, ilse, joris, informatie):
    task = callback_for(informatie)
    # Both opened the queue; Ilse clicks first.
    client.force_login(ilse)
    client.post(task_url(task, "oppakken"))
    client.force_login(joris)

    response = client.post(task_url(task, "oppakken"), follow=True)

    task.refresh_from_db()
    assert task.assignee == ilse
    assert "Ilse Smit heeft deze taak al opgepakt." in response.content.decode()


@pytest.mark.django_db
def test_complete_a_callback_registers_the_call(client, ilse, informatie, anna):
    task = callback_for(informatie, resident=anna)
    client.force_login(ilse)
    client.post(task_url(task, "oppakken"))

    response = client.post(
        task_url(task, "afronden"), {"outcome": "Nieuwe pas aangevraagd."}, follow=True
    )

    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    assert task.completed_by == ilse
    assert task.outcome == "Nieuwe pas aangevraagd."
    assert task.clock.stopped_at is not None
    call = ContactMoment.objects.get(direction=Direction.OUTBOUND)
    assert call.resident == anna
    assert call.summary == "Nieuwe pas aangevraagd."
    assert call.registered_by == ilse
    assert task.contact_moment.answered_at is not None
    assert "Taak afgerond." in response.content.decode()


@pytest.mark.django_db
def test_completing_twice_is_refused(client, ilse, informatie):
    task = callback_for(informatie)
    client.force_login(ilse)
    client.post(task_url(task, "afronden"), {"outcome": "Gebeld."})

    response = client.post(task_url(task, "afronden"), {"outcome": "Nog eens."}, follow=True)

    assert "Deze taak is al afgerond." in response.content.decode()
    task.refresh_from_db()
    assert task.outcome == "Gebeld."
    assert ContactMoment.objects.filter(direction=Direction.OUTBOUND).count() == 1


@pytest.mark.django_db
def test_complete_without_outcome_is_refused(client, ilse, informatie):
    task = callback_for(informatie)
    client.force_login(ilse)

    response = client.post(task_url(task, "afronden"), {"outcome": ""})

    assert response.status_code == 400
    assert "Vul in wat er is gebeurd." in response.content.decode()
    task.refresh_from_db()
    assert task.status == TaskStatus.OPEN


@pytest.mark.django_db
def test_hand_over_to_a_colleague(client, ilse, joris, informatie):
    task = callback_for(informatie)
    client.force_login(ilse)

    response = client.post(task_url(task, "overdragen"), {"to": joris.pk}, follow=True)

    task.refresh_from_db()
    assert task.assignee == joris
    assert "overgedragen aan Joris Mulder" in response.content.decode()


@pytest.mark.django_db
def test_hand_over_to_someone_outside_the_team_is_refused(client, ilse, staff_of, informatie, wmo):
    outsider = staff_of(wmo, first_name="Wim", last_name="Wmo")
    task = callback_for(informatie)
    client.force_login(ilse)

    response = client.post(task_url(task, "overdragen"), {"to": outsider.pk})

    assert response.status_code == 400
    assert "Wim Wmo zit niet in team Informatie." in response.content.decode()
    task.refresh_from_db()
    assert task.assignee is None
    # The list said so before: each colleague with their team.
    page = client.get(task_url(task)).content.decode()
    assert f'<option value="{outsider.pk}">Wim Wmo (Wmo)</option>' in page


@pytest.mark.django_db
def test_hand_over_to_another_team(client, ilse, informatie, wmo):
    task = callback_for(informatie)
    client.force_login(ilse)
    client.post(task_url(task, "oppakken"))

    response = client.post(task_url(task, "overdragen"), {"team": wmo.pk})

    task.refresh_from_db()
    assert task.team == wmo
    assert task.assignee is None
    # Ilse no longer sees it: back to her queue.
    assert response.url == WORK_URL
    assert client.get(task_url(task)).status_code == 404

"""Who may read and act on which case, in the querysets and on every admin URL of a case."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import URLResolver, get_resolver

from cases.constants import EventKind
from cases.models import Case, CaseEvent, MessageAttachment
from cases.services import case_add_note, case_open_subtask
from contacts.models import AccessLogEntry
from tests.cases.admin_fixtures import *  # noqa: F403 (shared fixtures)
from tests.cases.admin_fixtures import file_from_resident
from tests.cases.factories import CaseFactory, CaseTypeFactory
from tests.contacts.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

ATTEMPT = "Poging tot inzage zonder recht"


# The querysets


def test_acting_scope_is_the_own_team(member, outsider, informant, case):
    assert list(Case.objects.visible_to_staff(member)) == [case]
    assert not Case.objects.visible_to_staff(outsider).exists()
    assert not Case.objects.visible_to_staff(informant).exists()


def test_reading_scope_adds_unit_informatie_and_teams_with_a_sub_task(
    member, outsider, informant, editor, case, other_team
):
    assert list(Case.objects.readable_by_staff(informant)) == [case]
    assert not Case.objects.readable_by_staff(outsider).exists()
    assert not Case.objects.readable_by_staff(editor).exists()

    case_open_subtask(case=case, team=other_team, description="Kijk mee", by=member)

    assert list(Case.objects.readable_by_staff(outsider)) == [case]
    assert not Case.objects.visible_to_staff(outsider).exists()


def test_reading_scope_needs_an_active_staff_account(informatie, case):
    inactive = UserFactory(is_staff=True, is_active=False)
    inactive.groups.add(informatie.group)
    not_staff = UserFactory(is_staff=False)
    not_staff.groups.add(informatie.group)

    for user in [inactive, not_staff, AnonymousUser()]:
        assert not Case.objects.readable_by_staff(user).exists()


def test_reading_scope_has_no_duplicates(member, case, other_team, informant):
    informant.groups.add(case.team.group, other_team.group)
    case_open_subtask(case=case, team=other_team, description="Een", by=member)
    case_open_subtask(case=case, team=other_team, description="Twee", by=member)

    assert Case.objects.readable_by_staff(informant).count() == 1


def test_readers_do_not_see_other_teams_notes(member, colleague, informant, case):
    note = case_add_note(case=case, text="Intern", by=colleague)
    readable = CaseEvent.objects.readable_by_staff

    assert readable(member).filter(pk=note.pk).exists()
    assert not readable(informant).filter(pk=note.pk).exists()
    assert readable(informant).filter(case=case, kind=EventKind.CREATED).exists()


def test_readers_see_notes_of_their_own_colleagues(member, informant, informatie, case):
    other_informant = UserFactory(is_staff=True)
    other_informant.groups.add(informatie.group)
    note = CaseEvent.objects.create(
        case=case, kind=EventKind.NOTE, text="Beller wil teruggebeld worden",
        created_by=other_informant, created_at=case.opened_at,
    )  # fmt: skip

    assert CaseEvent.objects.readable_by_staff(informant).filter(pk=note.pk).exists()


# Every admin URL of a case


def _routes(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        else:
            yield route


def case_routes():
    """Every URL the admin serves under /admin/cases/case/, as registered."""
    return sorted(
        {
            route
            for route in _routes(get_resolver().url_patterns)
            if route.startswith("admin/cases/case/")
        }
    )


def _fill(route, case, task):
    attachment = MessageAttachment.objects.get(message__case=case)
    url = "/" + route.replace("<int:pk>", str(case.pk)).replace("<int:task_pk>", str(task.pk))
    url = url.replace("<uuid:uuid>", str(attachment.uuid))
    assert "<" not in url, f"unknown URL parameter in {route}"
    return url


@pytest.fixture
def target(case, member, team):
    """The case under test, with a sub-task of its own team (so the task URL resolves) and a
    file the resident sent with a message (so the attachment URL does)."""
    task = case_open_subtask(case=case, team=TeamFactory(), description="Deeltaak", by=member)
    file_from_resident(case, team)
    return case, task


def test_the_walk_covers_the_case_screen_and_every_action():
    routes = case_routes()

    assert "admin/cases/case/edit/<int:pk>/" in routes
    for action in ["take", "status", "information", "forward", "subtask", "note", "message",
                   "reschedule", "close"]:  # fmt: skip
        assert f"admin/cases/case/edit/<int:pk>/{action}/" in routes
    assert len(routes) >= 12


@pytest.mark.parametrize("who", ["outsider", "editor"])
def test_every_case_url_is_closed_to_another_team_and_to_editors(client, request, who, target):
    case, task = target
    user = request.getfixturevalue(who)
    client.force_login(user)
    object_urls = 0

    for route in case_routes():
        url = _fill(route, case, task)
        for method in (client.get, client.post):
            response = method(url)
            body = response.content.decode()
            assert case.reference not in body, f"{method.__name__.upper()} {url}"
            assert case.title not in body, f"{method.__name__.upper()} {url}"
            if "<uuid:uuid>" in route:  # a file: not there for them at all
                assert response.status_code in (404, 405), f"{method.__name__.upper()} {url}"
            elif "<int:pk>" in route:
                object_urls += 1
                assert response.status_code in (403, 404), f"{method.__name__.upper()} {url}"
            elif who == "editor":
                assert response.status_code == 403, f"{method.__name__.upper()} {url}"

    attempts = AccessLogEntry.objects.filter(resident=case.resident, user=user)
    assert attempts.count() == object_urls
    assert set(attempts.values_list("reason", flat=True)) == {ATTEMPT}
    assert not AccessLogEntry.objects.exclude(reason=ATTEMPT).exists()


def test_unit_informatie_reads_every_case_url_but_acts_on_none(client, informant, target):
    case, task = target
    client.force_login(informant)

    for route in case_routes():
        url = _fill(route, case, task)
        if route.endswith("<int:pk>/"):
            assert client.get(url).status_code == 200
        elif "<int:pk>" in route:
            assert client.post(url).status_code in (403, 404), url
    case.refresh_from_db()
    assert case.status.name == "Ontvangen"
    assert case.handler is None


@pytest.mark.parametrize("view", ["history", "inspect", "delete", "create", "choose_parent"])
def test_no_library_views_of_cases_remain(client, member, case, view):
    """wagtail_modeladmin's views showed any case to any admin user; they are gone."""
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    urls = [f"/admin/cases/case/{view}/{case.pk}/", f"/admin/cases/case/{view}/"]

    for url in urls:
        response = client.get(url)
        assert response.status_code == 404, url
        assert case.title not in response.content.decode()


# Editors see no resident data anywhere in the admin


def test_editor_finds_no_case_or_resident_in_the_admin_search(client, editor, case):
    client.force_login(editor)

    for query in [case.reference, "Anna", "stoeptegel"]:
        response = client.get("/admin/pages/search/", {"q": query})
        assert response.status_code == 200
        # The query itself is echoed ("Geen overeenkomst HH-..."); nothing about the case is.
        body = response.content.decode()
        assert case.title not in body
        assert "Anna de Vries" not in body
        assert "/admin/cases/case/" not in body


def test_staff_search_the_admin_for_cases(client, member, case):
    from tests.cases.admin_fixtures import grant_pages

    grant_pages(case.team.group)
    client.force_login(member)

    body = client.get("/admin/pages/search/", {"q": case.reference}).content.decode()

    assert f"/admin/cases/case/?q={case.reference}" in body


def test_editor_sees_no_case_in_menus_dashboard_or_reports(client, editor, case):
    client.force_login(editor)

    for url in ["/admin/", "/admin/reports/site-history/", "/admin/snippets/"]:
        response = client.get(url)
        body = response.content.decode()
        assert response.status_code in (200, 302, 403), url
        assert case.reference not in body, url
        assert "Anna de Vries" not in body, url
        assert not re.search(r"Mijn aanvragen|/admin/cases/case/", body), url


def test_a_case_of_another_type_and_team_never_leaks_through_filters(client, outsider, case):
    CaseFactory(case_type=CaseTypeFactory(team=outsider.groups.first().team))
    client.force_login(outsider)

    for query in ["q=HH-2026", f"team={case.team.pk}", f"case_type={case.case_type.pk}"]:
        body = client.get(f"/admin/cases/case/?{query}").content.decode()
        assert case.reference not in body
        assert case.title not in body


def test_the_team_downloads_a_file_the_resident_sent_and_the_resident_sees_who(
    client, member, target
):
    case, _ = target
    client.force_login(member)
    page = client.get(f"/admin/cases/case/edit/{case.pk}/").content.decode()
    link = re.search(r'href="(/admin/cases/case/bijlage/[0-9a-f-]+/)"', page).group(1)

    response = client.get(link)

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert response["Content-Disposition"].startswith('attachment; filename="stoep.png"')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert AccessLogEntry.objects.filter(
        resident=case.resident, user=member, what="Bijlage ‘stoep.png’ bij bericht ‘Foto’"
    ).exists()


def test_a_team_member_who_may_not_act_gets_no_file(client, team, staff_of, target):
    # The case page shows messages only to who may act on the case; the files follow it.
    case, _ = target
    reader = staff_of(team)
    team.group.permissions.remove(*team.group.permissions.filter(codename="change_case"))
    attachment = MessageAttachment.objects.get(message__case=case)
    client.force_login(reader)

    assert client.get(f"/admin/cases/case/bijlage/{attachment.uuid}/").status_code == 404

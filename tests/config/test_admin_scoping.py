"""Every admin URL of cases, contacts, tasks and form submissions, walked as a member of
another team and as an editor: an object of another team is 403/404 and the resident sees the
attempt in the access log; no other screen shows anything of it."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from cases.services import case_open_subtask
from contacts.constants import TaskKind
from contacts.models import AccessLogEntry
from contacts.services import task_create
from tests.cases.admin_fixtures import *  # noqa: F403 (shared fixtures)
from tests.cases.admin_fixtures import file_from_resident
from tests.cms.factories import make_home
from tests.contacts.factories import ContactMomentFactory, TeamFactory
from tests.forms_app.factories import FormPageFactory

pytestmark = pytest.mark.django_db

ATTEMPT = "Poging tot inzage zonder recht"
# The apps whose admin views show residents' data.
APPS = ("cases.", "contacts.", "forms_app.")


def _walk(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and route.startswith("admin/"):
            view = getattr(pattern.callback, "view_class", pattern.callback)
            yield route, view.__module__


def data_routes():
    """Every admin URL served by a view of these apps, as registered."""
    return sorted({route for route, module in _walk(get_resolver().url_patterns)
                   if module.startswith(APPS)})  # fmt: skip


@pytest.fixture
def world(case, member, team, case_type):
    """A case and a task of ``team``, both about Anna de Vries, and a form of that team."""
    subtask = case_open_subtask(case=case, team=TeamFactory(), description="Deeltaak", by=member)
    contact = ContactMomentFactory(resident=case.resident, team=team)
    task = task_create(
        kind=TaskKind.CALLBACK,
        team=team,
        description="Bel mevrouw De Vries terug over de stoeptegel",
        contact_moment=contact,
        created_by=member,
    )
    form_page = FormPageFactory(parent=make_home(), case_type=case_type)
    attachment = file_from_resident(case, team)
    return {
        "case": case,
        "subtask": subtask,
        "task": task,
        "form": form_page,
        "team": team,
        "attachment": attachment,
    }


def _fill(route, world):
    owner = world["task"] if route.startswith("admin/taken/") else world["case"]
    url = "/" + route
    url = url.replace("<int:pk>", str(owner.pk)).replace("<int:task_pk>", str(world["subtask"].pk))
    url = url.replace("<int:page_id>", str(world["form"].pk))
    url = url.replace("<slug:slug>", world["team"].slug)
    url = url.replace("<uuid:uuid>", str(world["attachment"].uuid))
    assert not re.search(r"<\w", url), f"unknown URL parameter in {route}"
    return url


def test_the_walk_covers_cases_tasks_contacts_and_forms():
    routes = data_routes()

    for expected in [
        "admin/cases/case/edit/<int:pk>/",
        "admin/cases/case/edit/<int:pk>/close/",
        "admin/taken/<int:pk>/",
        "admin/taken/<int:pk>/afronden/",
        "admin/contact/nieuw/zoeken/",
        "admin/formulieren/<int:page_id>/inzendingen.csv",
        "admin/servicenormen/",
    ]:
        assert expected in routes
    assert len(routes) >= 25


@pytest.mark.parametrize("who", ["outsider", "editor"])
def test_nothing_of_another_team_is_shown_on_any_admin_url(client, request, who, world):
    user = request.getfixturevalue(who)
    client.force_login(user)
    secrets = [
        world["case"].reference,
        world["case"].title,
        "Anna de Vries",
        "anna@example.nl",
        world["task"].description,
    ]
    object_requests = 0

    for route in data_routes():
        url = _fill(route, world)
        for method in (client.get, client.post):
            response = method(url, {"q": "Anna"} if method == client.get else {})
            label = f"{method.__name__.upper()} {url}"
            body = b"".join(response) if response.streaming else response.content
            for secret in secrets:
                assert secret not in body.decode(), f"{label} shows {secret!r}"
            if "<uuid:uuid>" in route:  # a resident's file: not there for them at all
                assert response.status_code in (404, 405), label
            if "<int:pk>" in route and response.status_code != 405:  # 405: method not served
                object_requests += 1
                assert response.status_code in (403, 404), label

    attempts = AccessLogEntry.objects.filter(resident=world["case"].resident, user=user)
    assert attempts.count() == object_requests
    assert set(attempts.values_list("reason", flat=True)) == {ATTEMPT}

"""Work queues, filters, search and pagination of the case list, with fixed query counts."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.models import Case
from cases.services import case_add_note, case_change_status, case_request_information
from tests.cases.admin_fixtures import *  # noqa: F403 (shared fixtures)
from tests.cases.factories import CaseFactory, CaseTypeFactory
from tests.contacts.factories import ResidentFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/cases/case/"


def status(case_type, name):
    return case_type.statuses.get(name=name)


@pytest.fixture
def queues(case_type, member, other_team):
    """One case in each queue of the team, one of another team, and a closed one."""
    from cases.services import case_create

    today = timezone.localdate()
    busy = status(case_type, "In behandeling")
    cases = {
        "new": CaseFactory(case_type=case_type, reference="HH-2026-NEW001"),
        "today": CaseFactory(
            case_type=case_type, status=busy, due_on=today, reference="HH-2026-TOD001"
        ),
        "late": CaseFactory(
            case_type=case_type,
            status=busy,
            due_on=today - dt.timedelta(days=3),
            handler=member,
            reference="HH-2026-LAT001",
        ),
        "closed": CaseFactory(
            case_type=case_type, closed=True, handler=member, reference="HH-2026-CLO001"
        ),
        "elsewhere": CaseFactory(
            case_type=CaseTypeFactory(team=other_team),
            due_on=today - dt.timedelta(days=1),
            reference="HH-2026-ELS001",
        ),
    }
    waiting = case_create(case_type=case_type, title="Boom hangt over", resident=ResidentFactory())
    case_change_status(case=waiting, status=busy, by=member, notify=False)
    case_request_information(case=waiting, subject="Foto", body="Stuur een foto", by=member)
    cases["waiting"] = waiting
    return cases


def references(response):
    return set(re.findall(r"HH-\d{4}-[0-9A-Z]{6}", response.content.decode()))


def test_queue_counts_per_team_and_mine(client, member, team, queues):
    client.force_login(member)

    response = client.get(LIST_URL)

    context = response.context
    # The late case and the one the member asked information for; not the closed one.
    assert context["queues"]["mine"] == 2
    [(queue_team, counts)] = context["queues"]["teams"]
    assert queue_team == team
    assert counts == {"new": 1, "due_today": 1, "overdue": 1, "waiting": 1}
    content = response.content.decode()
    assert "Mijn aanvragen: 2" in content
    assert "Mijn aanvragen (2)" in content  # the menu


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("queue=nieuw", {"new"}),
        ("queue=vandaag", {"today"}),
        ("queue=te-laat", {"late"}),
        ("queue=wacht", {"waiting"}),
        ("queue=mijn", {"late", "waiting"}),
        ("overdue=ja", {"late"}),
        ("q=HH-2026-TOD", {"today"}),
        ("q=hh-2026-lat001", {"late"}),
    ],
)
def test_queues_and_search_narrow_the_list(client, member, queues, query, expected):
    client.force_login(member)

    found = references(client.get(f"{LIST_URL}?{query}"))

    assert found & {case.reference for case in queues.values()} == {
        queues[name].reference for name in expected
    }


def test_search_by_resident_name(client, member, case_type):
    CaseFactory(case_type=case_type, reference="HH-2026-ANN001",
                resident=ResidentFactory(name="Anna de Vries"))  # fmt: skip
    CaseFactory(case_type=case_type, reference="HH-2026-BOB001",
                resident=ResidentFactory(name="Bob Bakker"))  # fmt: skip
    client.force_login(member)

    found = references(client.get(f"{LIST_URL}?q=de+vries"))

    assert found == {"HH-2026-ANN001"}


def test_filters_by_team_status_type_and_handler(client, informant, member, queues, other_team):
    client.force_login(informant)
    case_type = queues["new"].case_type

    by_team = references(client.get(f"{LIST_URL}?team={other_team.pk}"))
    by_status = references(client.get(f"{LIST_URL}?status=In+behandeling"))
    by_type = references(client.get(f"{LIST_URL}?case_type={case_type.pk}"))
    by_handler = references(client.get(f"{LIST_URL}?handler={member.pk}"))
    nobody = references(client.get(f"{LIST_URL}?handler=null"))

    assert by_team == {"HH-2026-ELS001"}
    assert by_status == {"HH-2026-TOD001", "HH-2026-LAT001", queues["waiting"].reference}
    assert "HH-2026-ELS001" not in by_type and "HH-2026-NEW001" in by_type
    assert by_handler >= {"HH-2026-LAT001", "HH-2026-CLO001"}
    assert "HH-2026-NEW001" in nobody and "HH-2026-LAT001" not in nobody


def test_team_queue_does_not_leak_other_teams(client, member, queues):
    client.force_login(member)

    found = references(client.get(f"{LIST_URL}?queue=te-laat"))

    assert "HH-2026-ELS001" not in found


def test_open_cases_come_first(client, member, queues):
    client.force_login(member)

    content = client.get(LIST_URL).content.decode()

    assert content.index("HH-2026-LAT001") < content.index("HH-2026-CLO001")


def test_the_list_is_paginated(client, member, case_type):
    for number in range(55):
        CaseFactory(case_type=case_type, reference=f"HH-2026-P{number:05d}")
    client.force_login(member)

    first = references(client.get(LIST_URL))
    second = references(client.get(f"{LIST_URL}?p=2"))

    assert len(first) == 50
    assert len(second) == 5
    assert not first & second


def test_results_fragment_for_live_filtering(client, member, queues):
    client.force_login(member)

    response = client.get("/admin/cases/case/results/?queue=nieuw")

    assert response.status_code == 200
    assert references(response) == {"HH-2026-NEW001"}


# Fixed query counts


def _cases(case_type, member, count, start=0):
    today = timezone.localdate()
    statuses = list(case_type.statuses.all())
    for number in range(start, start + count):
        CaseFactory(
            case_type=case_type,
            status=statuses[number % 3],
            due_on=today + dt.timedelta(days=number % 5 - 2),
            handler=member if number % 2 else None,
            resident=None,
            reference=f"HH-2026-Q{number:05d}",
        )


def test_the_list_costs_the_same_queries_for_5_and_50_cases(
    client, member, case_type, django_assert_num_queries
):
    client.force_login(member)
    _cases(case_type, member, 5)
    client.get(LIST_URL)  # warm caches (content types, site)

    with CaptureQueriesContext(connection) as five:
        assert client.get(LIST_URL).status_code == 200
    _cases(case_type, member, 45, start=5)

    with django_assert_num_queries(len(five)):
        response = client.get(LIST_URL)
    assert len(references(response)) == 50


def test_a_queue_costs_the_same_queries_for_5_and_50_cases(
    client, member, case_type, django_assert_num_queries
):
    client.force_login(member)
    _cases(case_type, member, 5)
    url = f"{LIST_URL}?queue=te-laat&q=HH"
    client.get(url)

    with CaptureQueriesContext(connection) as five:
        client.get(url)
    _cases(case_type, member, 45, start=5)

    with django_assert_num_queries(len(five)):
        client.get(url)


def test_the_case_screen_costs_the_same_queries_for_a_short_and_long_timeline(
    client, member, case_type, django_assert_num_queries
):
    from cases.services import case_create

    case = case_create(case_type=case_type, title="Lange historie", resident=ResidentFactory())
    client.force_login(member)
    for number in range(5):
        case_add_note(case=case, text=f"Notitie {number}", by=member)
    url = f"/admin/cases/case/edit/{case.pk}/"
    client.get(url)

    with CaptureQueriesContext(connection) as short:
        client.get(url)
    for number in range(45):
        case_add_note(case=case, text=f"Notitie {number}", by=member)

    with django_assert_num_queries(len(short)):
        client.get(url)
    assert Case.objects.get(pk=case.pk).events.count() == 51

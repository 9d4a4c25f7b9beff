"""The case list at scale: past a cap it does not count every case, and it is ordered the
way the index ``case_list_open_due`` reads (open cases first, earliest due date first)."""

import datetime as dt

import pytest
from django.utils import timezone

from cases.admin_views.pagination import CappedPaginator
from tests.cases.admin_fixtures import *  # noqa: F403 (shared fixtures)
from tests.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/cases/case/"


def make_cases(case_type, count, **fields):
    today = timezone.localdate()
    return [
        CaseFactory(
            case_type=case_type,
            due_on=today + dt.timedelta(days=number),
            reference=f"HH-2026-S{number:05d}",
            **fields,
        )
        for number in range(count)
    ]


def test_a_list_longer_than_the_cap_says_more_than_and_asks_to_narrow_it(
    client, member, case_type, monkeypatch
):
    monkeypatch.setattr(CappedPaginator, "cap", 3)
    monkeypatch.setattr("cases.admin_views.listing.CaseListView.paginate_by", 2)
    make_cases(case_type, 5)
    client.force_login(member)

    page = client.get(LIST_URL).content.decode()

    assert "Meer dan 3 aanvragen. Kies een filter of zoek op een woord om minder te zien." in page
    # Two pages of two, the third with the one left under the cap.
    assert client.get(f"{LIST_URL}?p=2").status_code == 200
    assert "HH-2026-S00004" not in client.get(f"{LIST_URL}?p=9").content.decode()


def test_a_list_under_the_cap_gives_the_exact_number(client, member, case_type, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "cap", 3)
    make_cases(case_type, 2)
    client.force_login(member)

    page = client.get(LIST_URL).content.decode()

    assert "2 aanvragen" in page
    assert "Meer dan" not in page


def test_open_cases_come_first_by_due_date_then_the_closed_ones(client, member, case_type):
    late, soon = make_cases(case_type, 2)
    closed = CaseFactory(
        case_type=case_type,
        closed=True,
        due_on=timezone.localdate() - dt.timedelta(days=30),
        reference="HH-2026-C00001",
    )
    client.force_login(member)

    page = client.get(LIST_URL).content.decode()

    positions = [page.index(case.reference) for case in (late, soon, closed)]
    assert positions == sorted(positions)

"""Functional administrators keep case types and their statuses in the admin."""

import pytest

from cases.models import CaseType, StatusType
from cases.roles import FUNCTIONAL_ADMIN_PERMISSIONS, functional_admin_group_ensure
from tests.cases.admin_fixtures import *  # noqa: F403 (shared fixtures)
from tests.contacts.factories import UserFactory

pytestmark = pytest.mark.django_db

INDEX = "/admin/cases/casetype/"


@pytest.fixture
def admin_user():
    user = UserFactory(is_staff=True, first_name="Fenna", last_name="Beheer")
    user.groups.add(functional_admin_group_ensure())
    return user


def form_data(case_type, statuses, **changes):
    """The POST of the edit form: the case type's fields and its statuses as an inline."""
    data = {
        "name": case_type.name,
        "slug": case_type.slug,
        "team": case_type.team_id,
        "noun": case_type.noun,
        "lead_time": case_type.lead_time,
        "lead_time_unit": case_type.lead_time_unit,
        "statuses-TOTAL_FORMS": len(statuses),
        "statuses-INITIAL_FORMS": sum(1 for status in statuses if status.get("id")),
        "statuses-MIN_NUM_FORMS": 0,
        "statuses-MAX_NUM_FORMS": 1000,
    }
    for index, status in enumerate(statuses):
        for key, value in status.items():
            if value is True:
                value = "on"
            if value is not False:
                data[f"statuses-{index}-{key}"] = value
    data.update(changes)
    return data


def current_statuses(case_type):
    return [
        {
            "id": status.pk,
            "name": status.name,
            "order": status.order,
            "resident_text": status.resident_text,
            "pauses_clock": status.pauses_clock,
            "is_final": status.is_final,
        }
        for status in case_type.statuses.all()
    ]


def edit(client, case_type, statuses, **changes):
    return client.post(f"{INDEX}edit/{case_type.pk}/", form_data(case_type, statuses, **changes))


def test_the_group_holds_only_case_type_permissions():
    group = functional_admin_group_ensure()
    functional_admin_group_ensure()  # twice: no change

    held = set(group.permissions.values_list("content_type__app_label", "codename"))
    assert held == set(FUNCTIONAL_ADMIN_PERMISSIONS)


def test_functional_admin_lists_and_opens_case_types(client, admin_user, case_type):
    client.force_login(admin_user)

    listing = client.get(INDEX)
    page = client.get(f"{INDEX}edit/{case_type.pk}/")

    assert listing.status_code == 200
    assert "Melding openbare ruimte" in listing.content.decode()
    assert page.status_code == 200
    assert "Wacht op inwoner" in page.content.decode()


def test_functional_admin_sets_the_text_and_clock_of_a_status(client, admin_user, case_type):
    client.force_login(admin_user)
    statuses = current_statuses(case_type)
    waiting = next(status for status in statuses if status["name"] == "Wacht op inwoner")
    waiting["resident_text"] = "Wij wachten op uw antwoord."
    waiting["pauses_clock"] = True

    response = edit(client, case_type, statuses, noun="melding", lead_time=3)

    assert response.status_code == 302
    case_type.refresh_from_db()
    assert (case_type.noun, case_type.lead_time) == ("melding", 3)
    status = case_type.statuses.get(name="Wacht op inwoner")
    assert status.pauses_clock
    assert status.resident_text == "Wij wachten op uw antwoord."


def test_two_statuses_can_swap_places(client, admin_user, case_type):
    client.force_login(admin_user)
    statuses = current_statuses(case_type)
    busy = next(s for s in statuses if s["name"] == "In behandeling")
    waiting = next(s for s in statuses if s["name"] == "Wacht op inwoner")
    busy["order"], waiting["order"] = waiting["order"], busy["order"]

    response = edit(client, case_type, statuses)

    assert response.status_code == 302
    names = list(case_type.statuses.order_by("order").values_list("name", flat=True))
    assert names == ["Ontvangen", "Wacht op inwoner", "In behandeling", "Afgehandeld"]


def test_functional_admin_adds_a_case_type_with_statuses(client, admin_user, team):
    client.force_login(admin_user)
    blank = CaseType(name="Klacht", slug="klacht", team=team, lead_time=6, noun="klacht")
    statuses = [
        {"name": "Ontvangen", "order": 1, "resident_text": "Wij hebben uw klacht."},
        {"name": "Afgehandeld", "order": 2, "is_final": True},
    ]

    response = client.post(f"{INDEX}new/", form_data(blank, statuses))

    assert response.status_code == 302
    created = CaseType.objects.get(slug="klacht")
    assert list(created.statuses.values_list("name", flat=True)) == ["Ontvangen", "Afgehandeld"]


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"name": "Nieuw"}, "Elke soort aanvraag begint met de status ‘Ontvangen’"),
        ({"is_final": True}, "De status ‘Ontvangen’ rondt niet af"),
        # Django's own check on the unique order comes first.
        ({"order": 2}, "Corrigeer de dubbele gegevens"),
    ],
)
def test_a_broken_set_of_statuses_is_refused(client, admin_user, case_type, change, error):
    client.force_login(admin_user)
    statuses = current_statuses(case_type)
    statuses[0].update(change)

    response = edit(client, case_type, statuses)

    assert response.status_code == 200
    assert error in response.content.decode()
    assert case_type.statuses.get(order=1).name == "Ontvangen"


def test_a_case_type_without_a_closing_status_is_refused(client, admin_user, case_type):
    client.force_login(admin_user)
    statuses = current_statuses(case_type)
    statuses[-1]["DELETE"] = "on"

    response = edit(client, case_type, statuses)

    assert "Voeg een status toe die de aanvraag afrondt" in response.content.decode()
    assert case_type.statuses.filter(is_final=True).exists()


def test_a_status_in_use_cannot_be_deleted(client, admin_user, case_type, case):
    client.force_login(admin_user)
    statuses = current_statuses(case_type)
    statuses.append({"name": "Afgewezen", "order": 9, "is_final": True})
    edit(client, case_type, statuses)
    statuses = current_statuses(case_type)
    received = next(s for s in statuses if s["name"] == "Ontvangen")
    busy = next(s for s in statuses if s["name"] == "In behandeling")
    busy["DELETE"] = "on"
    case.status = case_type.statuses.get(name="In behandeling")
    case.save()

    response = edit(client, case_type, statuses)

    assert "Status ‘In behandeling’ is in gebruik bij aanvragen en kan niet weg." in (
        response.content.decode()
    )
    assert StatusType.objects.filter(pk=busy["id"]).exists()
    assert received


def test_functional_admin_sees_no_cases(client, admin_user, case):
    client.force_login(admin_user)

    assert client.get("/admin/cases/case/").status_code == 403
    assert client.get(f"/admin/cases/case/edit/{case.pk}/").status_code == 404
    assert "Anna de Vries" not in client.get(INDEX).content.decode()


def test_team_staff_do_not_manage_case_types(client, member, case_type):
    client.force_login(member)

    response = client.get(f"{INDEX}edit/{case_type.pk}/")

    assert response.status_code in (302, 403)
    assert "Wacht op inwoner" not in response.content.decode()

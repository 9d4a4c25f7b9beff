import pytest
from django.contrib.auth.models import AnonymousUser

from cases.models import Case
from tests.cases.factories import CaseFactory, CaseTypeFactory
from tests.contacts.factories import ResidentFactory, TeamFactory, UserFactory


@pytest.fixture
def two_teams():
    team_a, team_b = TeamFactory(), TeamFactory()
    case_a = CaseFactory(case_type=CaseTypeFactory(team=team_a))
    case_b = CaseFactory(case_type=CaseTypeFactory(team=team_b))
    return team_a, team_b, case_a, case_b


@pytest.mark.django_db
def test_resident_sees_only_their_own_cases():
    anna, bob = ResidentFactory(), ResidentFactory()
    annas = CaseFactory(resident=anna)
    CaseFactory(resident=bob)

    assert list(Case.objects.visible_to_resident(anna)) == [annas]


@pytest.mark.django_db
def test_no_resident_sees_no_cases():
    CaseFactory()

    assert not Case.objects.visible_to_resident(None).exists()


@pytest.mark.django_db
def test_team_member_sees_only_their_teams_cases(two_teams, staff_of):
    team_a, _team_b, case_a, _case_b = two_teams

    assert list(Case.objects.visible_to_staff(staff_of(team_a))) == [case_a]


@pytest.mark.django_db
def test_member_of_two_teams_sees_both(two_teams, staff_of):
    team_a, team_b, case_a, case_b = two_teams
    user = staff_of(team_a)
    user.groups.add(team_b.group)

    assert set(Case.objects.visible_to_staff(user)) == {case_a, case_b}


@pytest.mark.django_db
def test_superuser_sees_all_cases(two_teams):
    _team_a, _team_b, case_a, case_b = two_teams
    admin = UserFactory(is_staff=True, is_superuser=True)

    assert set(Case.objects.visible_to_staff(admin)) == {case_a, case_b}


@pytest.mark.django_db
def test_non_staff_in_a_team_group_sees_nothing(two_teams):
    team_a, _team_b, _case_a, _case_b = two_teams
    user = UserFactory(is_staff=False)
    user.groups.add(team_a.group)

    assert not Case.objects.visible_to_staff(user).exists()


@pytest.mark.django_db
def test_inactive_staff_sees_nothing(two_teams, staff_of):
    team_a, _team_b, _case_a, _case_b = two_teams
    user = staff_of(team_a, is_active=False)

    assert not Case.objects.visible_to_staff(user).exists()


@pytest.mark.django_db
def test_anonymous_visitor_sees_nothing(two_teams):
    assert not Case.objects.visible_to_staff(AnonymousUser()).exists()


@pytest.mark.django_db
def test_staff_outside_any_team_sees_nothing(two_teams):
    assert not Case.objects.visible_to_staff(UserFactory(is_staff=True)).exists()

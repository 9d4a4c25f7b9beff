"""The first status of a case type, kept in the cache: read once, and read again as soon as
an administrator changes the case type, one of its statuses or its team."""

import pytest
from django.core.cache import cache

from cases.models import StatusType
from cases.selectors import INITIAL_STATUS_KEY, initial_status
from tests.cases.factories import CaseTypeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_type():
    return CaseTypeFactory(name="Melding openbare ruimte", lead_time=5)


def test_the_first_status_comes_with_its_case_type_and_team_in_one_query(
    case_type, django_assert_num_queries
):
    with django_assert_num_queries(1):
        status = initial_status(case_type.pk)
        assert (status.name, status.case_type.name) == ("Ontvangen", "Melding openbare ruimte")
        assert status.case_type.team.name == case_type.team.name
    with django_assert_num_queries(0):
        assert initial_status(case_type.pk).pk == status.pk


def test_a_changed_answer_time_counts_for_the_next_case(case_type):
    initial_status(case_type.pk)

    case_type.lead_time = 10
    case_type.save()

    assert initial_status(case_type.pk).case_type.norm.amount == 10


def test_a_changed_status_text_is_read_again(case_type):
    initial_status(case_type.pk)

    status = case_type.statuses.get(name="Ontvangen")
    status.resident_text = "We hebben uw melding ontvangen."
    status.save()

    assert initial_status(case_type.pk).resident_text == "We hebben uw melding ontvangen."


def test_a_renamed_team_is_read_again(case_type):
    initial_status(case_type.pk)

    case_type.team.name = "Buitendienst"
    case_type.team.save()

    assert initial_status(case_type.pk).case_type.team.name == "Buitendienst"


def test_a_case_type_without_a_first_status_says_so(case_type):
    case_type.statuses.filter(name="Ontvangen").delete()

    with pytest.raises(StatusType.DoesNotExist):
        initial_status(case_type.pk)


def test_a_read_between_the_change_and_its_commit_is_forgotten_after_the_commit(
    case_type, django_capture_on_commit_callbacks
):
    stale = initial_status(case_type.pk)
    with django_capture_on_commit_callbacks(execute=True):
        case_type.lead_time = 10
        case_type.save()
        # Another process reads the old row before this transaction commits.
        cache.set(INITIAL_STATUS_KEY.format(case_type=case_type.pk), stale, 300)

    assert initial_status(case_type.pk).case_type.lead_time == 10


def test_a_migration_forgets_what_was_kept(case_type):
    from django.apps import apps
    from django.db.models.signals import post_migrate

    initial_status(case_type.pk)
    # A data migration changes the row without the model's signals.
    type(case_type).objects.filter(pk=case_type.pk).update(lead_time=10)

    post_migrate.send(sender=apps.get_app_config("cases"), app_config=apps.get_app_config("cases"))

    assert initial_status(case_type.pk).case_type.lead_time == 10

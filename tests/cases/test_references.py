import datetime as dt
import re
from unittest import mock

import pytest
from django.db import IntegrityError, transaction

from cases.models import Case, CaseEvent
from cases.references import ALPHABET, LENGTH, new_reference
from cases.services import case_create
from tests.cases.factories import CaseFactory, CaseTypeFactory

CONFUSABLE = set("0O1IL5S2Z8B")


def test_reference_has_the_format_hh_year_six_characters():
    with mock.patch(
        "django.utils.timezone.now", return_value=dt.datetime(2026, 6, 15, 10, 0, tzinfo=dt.UTC)
    ):
        reference = new_reference()

    assert re.fullmatch(rf"HH-2026-[{ALPHABET}]{{{LENGTH}}}", reference)
    assert LENGTH == 6


def test_reference_year_is_the_local_year():
    # 23:30 UTC on 31 Dec 2026 is already New Year's Day in Amsterdam.
    with mock.patch(
        "django.utils.timezone.now",
        return_value=dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC),
    ):
        reference = new_reference()

    assert reference.startswith("HH-2027-")


def test_alphabet_leaves_out_characters_people_confuse():
    assert not CONFUSABLE & set(ALPHABET)
    assert len(set(ALPHABET)) == len(ALPHABET)


def test_references_only_use_the_unambiguous_alphabet_and_vary():
    references = [new_reference() for _ in range(300)]

    for reference in references:
        body = reference.rsplit("-", 1)[1]
        assert len(body) == 6
        assert set(body) <= set(ALPHABET), reference
        assert not CONFUSABLE & set(body)
    assert len(set(references)) > 290


@pytest.mark.django_db
def test_case_create_retries_with_a_new_reference_on_collision():
    existing = CaseFactory(reference="HH-2026-ACDEFG", title="Bestaande melding")
    case_type = CaseTypeFactory()

    with mock.patch(
        "cases.services.new_reference", side_effect=["HH-2026-ACDEFG", "HH-2026-KMNPQR"]
    ) as generator:
        case = case_create(case_type=case_type, title="Losse stoeptegel")

    assert generator.call_count == 2
    assert case.reference == "HH-2026-KMNPQR"
    assert Case.objects.get(reference="HH-2026-KMNPQR").title == "Losse stoeptegel"
    existing.refresh_from_db()
    assert existing.title == "Bestaande melding"
    assert existing.case_type != case_type
    assert Case.objects.count() == 2
    assert CaseEvent.objects.filter(case=case).count() == 1


@pytest.mark.django_db
def test_case_create_gives_up_after_repeated_collisions_and_saves_nothing():
    CaseFactory(reference="HH-2026-ACDEFG")
    case_type = CaseTypeFactory()
    cases_before = Case.objects.count()
    events_before = CaseEvent.objects.count()

    with (
        mock.patch("cases.services.new_reference", return_value="HH-2026-ACDEFG") as generator,
        pytest.raises(IntegrityError),
        # The caller's transaction: case_create sets no savepoint, its failure rolls this back.
        transaction.atomic(),
    ):
        case_create(case_type=case_type, title="Losse stoeptegel")

    assert generator.call_count == 5
    assert Case.objects.count() == cases_before
    assert not Case.objects.filter(title="Losse stoeptegel").exists()
    assert CaseEvent.objects.count() == events_before

import datetime as dt
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction

from cases.constants import EventKind
from cases.models import Case, CaseEvent
from cases.services import case_add_note, case_change_status, case_create
from contacts.constants import Channel
from contacts.services import contact_moment_register
from tests.cases.factories import CaseFactory, CaseTypeFactory
from tests.contacts.factories import ResidentFactory, UserFactory

AMS = ZoneInfo("Europe/Amsterdam")


def local(*args):
    return dt.datetime(*args, tzinfo=AMS)


def frozen(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


def status_of(case, name):
    return case.case_type.statuses.get(name=name)


# case_create


@pytest.mark.django_db
def test_new_case_starts_as_ontvangen_with_an_answer_date_in_working_days():
    case_type = CaseTypeFactory(lead_time=5)
    resident = ResidentFactory()
    now = local(2026, 11, 27, 10, 0)  # Friday

    with frozen(now):
        case = case_create(case_type=case_type, title="Losse stoeptegel", resident=resident)

    case.refresh_from_db()
    assert case.status.name == "Ontvangen"
    assert case.team == case_type.team
    assert case.resident == resident
    assert case.opened_at == now
    assert case.due_on == dt.date(2026, 12, 4)  # the next Friday
    assert case.closed_at is None
    assert case.handler is None


@pytest.mark.django_db
def test_answer_date_of_a_new_case_skips_christmas():
    case_type = CaseTypeFactory(lead_time=5)

    with frozen(local(2026, 12, 23, 10, 0)):  # Wednesday
        case = case_create(case_type=case_type, title="Kapotte lantaarnpaal")

    # 24 Dec, (Kerst + weekend), 28, 29, 30, 31 Dec.
    assert case.due_on == dt.date(2026, 12, 31)


@pytest.mark.django_db
def test_new_case_has_a_created_event_on_its_timeline():
    case_type = CaseTypeFactory()
    now = local(2026, 11, 27, 10, 0)

    with frozen(now):
        case = case_create(case_type=case_type, title="Losse stoeptegel")

    event = CaseEvent.objects.get(case=case)
    assert event.kind == EventKind.CREATED
    assert event.status.name == "Ontvangen"
    assert event.visible_to_resident
    assert event.created_at == now


@pytest.mark.django_db
def test_new_case_takes_the_first_status_the_caller_read_and_no_other():
    case_type, other = CaseTypeFactory(), CaseTypeFactory()
    received = status_of(CaseFactory(case_type=case_type), "Ontvangen")

    case = case_create(case_type=case_type, title="Losse stoeptegel", initial_status=received)

    assert case.status == received
    assert CaseEvent.objects.get(case=case).status == received
    # In a transaction of their own: case_create has no savepoint, its error ends the caller's.
    with pytest.raises(ValueError), transaction.atomic():
        case_create(case_type=other, title="Losse stoeptegel", initial_status=received)
    later = case_type.statuses.exclude(name="Ontvangen").first()
    with pytest.raises(ValueError), transaction.atomic():
        case_create(case_type=case_type, title="Losse stoeptegel", initial_status=later)


@pytest.mark.django_db
def test_new_case_is_linked_to_its_contact_moment():
    case_type = CaseTypeFactory()
    moment = contact_moment_register(channel=Channel.PHONE, topic="Melding stoeptegel")

    case = case_create(case_type=case_type, title="Losse stoeptegel", contact_moment=moment)

    assert list(case.contact_moments.all()) == [moment]


@pytest.mark.django_db
def test_new_case_sends_no_status_email(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case_create(
            case_type=CaseTypeFactory(), title="Losse stoeptegel", resident=ResidentFactory()
        )

    assert mail.outbox == []


# case_change_status


@pytest.mark.django_db
def test_change_status_moves_the_case_and_tells_the_resident(django_capture_on_commit_callbacks):
    resident = ResidentFactory(email="anna@example.nl")
    case = CaseFactory(resident=resident)
    staff = UserFactory(is_staff=True)
    in_progress = status_of(case, "In behandeling")
    now = local(2026, 12, 1, 11, 0)

    with django_capture_on_commit_callbacks(execute=True), frozen(now):
        event = case_change_status(
            case=case, status=in_progress, by=staff, message="  We kijken ernaar.  "
        )

    case.refresh_from_db()
    assert case.status == in_progress
    assert case.closed_at is None
    assert event.kind == EventKind.STATUS
    assert event.status == in_progress
    assert event.text == "We kijken ernaar."
    assert event.visible_to_resident
    assert event.created_by == staff
    assert event.created_at == now
    assert list(CaseEvent.objects.filter(case=case)) == [event]

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["anna@example.nl"]
    assert case.reference in email.subject
    assert case.reference in email.body
    assert "We kijken ernaar." in email.body
    assert "In behandeling" in email.body


@pytest.mark.django_db
def test_change_status_to_a_final_status_closes_the_case(django_capture_on_commit_callbacks):
    case = CaseFactory()
    now = local(2026, 12, 1, 11, 0)

    with django_capture_on_commit_callbacks(execute=True), frozen(now):
        case_change_status(
            case=case, status=status_of(case, "Afgehandeld"), by=UserFactory(is_staff=True)
        )

    case.refresh_from_db()
    assert case.status.name == "Afgehandeld"
    assert case.closed_at == now
    # The status message, then one short question about satisfaction.
    assert [m.subject.split(" ")[0] for m in mail.outbox] == ["Nieuwe", "Hoe"]
    assert "/tevredenheid/" in mail.outbox[1].body


@pytest.mark.django_db
def test_reopening_a_closed_case_clears_closed_at():
    case = CaseFactory(closed=True)

    case_change_status(
        case=case, status=status_of(case, "In behandeling"), by=UserFactory(is_staff=True)
    )

    case.refresh_from_db()
    assert case.status.name == "In behandeling"
    assert case.closed_at is None


@pytest.mark.django_db
def test_first_status_change_makes_the_staff_member_handler():
    case = CaseFactory()
    staff = UserFactory(is_staff=True)

    case_change_status(case=case, status=status_of(case, "In behandeling"), by=staff)

    case.refresh_from_db()
    assert case.handler == staff


@pytest.mark.django_db
def test_status_change_by_a_colleague_keeps_the_handler():
    handler = UserFactory(is_staff=True)
    colleague = UserFactory(is_staff=True)
    case = CaseFactory(handler=handler)

    case_change_status(case=case, status=status_of(case, "In behandeling"), by=colleague)

    case.refresh_from_db()
    assert case.handler == handler


@pytest.mark.django_db
def test_status_email_goes_to_the_address_given_with_the_request(
    django_capture_on_commit_callbacks,
):
    case = CaseFactory(
        resident=ResidentFactory(email="profiel@example.nl"), email="aanvraag@example.nl"
    )

    with django_capture_on_commit_callbacks(execute=True):
        case_change_status(
            case=case, status=status_of(case, "In behandeling"), by=UserFactory(is_staff=True)
        )

    assert [m.to for m in mail.outbox] == [["aanvraag@example.nl"]]


@pytest.mark.django_db
def test_no_email_without_an_address(django_capture_on_commit_callbacks):
    case = CaseFactory(resident=None, email="")

    with django_capture_on_commit_callbacks(execute=True):
        case_change_status(
            case=case, status=status_of(case, "In behandeling"), by=UserFactory(is_staff=True)
        )

    case.refresh_from_db()
    assert case.status.name == "In behandeling"
    assert mail.outbox == []


@pytest.mark.django_db
def test_status_of_another_case_type_is_refused_and_changes_nothing(
    django_capture_on_commit_callbacks,
):
    case = CaseFactory()
    other_type = CaseTypeFactory()
    foreign_status = other_type.statuses.get(name="In behandeling")
    staff = UserFactory(is_staff=True)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        case_change_status(case=case, status=foreign_status, by=staff, message="Hallo")

    case.refresh_from_db()
    assert case.status.name == "Ontvangen"
    assert case.status.case_type == case.case_type
    assert case.handler is None
    assert case.closed_at is None
    assert not CaseEvent.objects.filter(case=case).exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_same_status_without_a_message_is_refused():
    case = CaseFactory()

    with pytest.raises(ValidationError):
        case_change_status(
            case=case, status=status_of(case, "Ontvangen"), by=UserFactory(is_staff=True)
        )

    assert not CaseEvent.objects.filter(case=case).exists()


@pytest.mark.django_db
def test_same_status_with_a_message_sends_the_message(django_capture_on_commit_callbacks):
    case = CaseFactory()

    with django_capture_on_commit_callbacks(execute=True):
        case_change_status(
            case=case,
            status=status_of(case, "Ontvangen"),
            by=UserFactory(is_staff=True),
            message="Wilt u een foto sturen?",
        )

    assert len(mail.outbox) == 1
    assert "Wilt u een foto sturen?" in mail.outbox[0].body


# case_add_note


@pytest.mark.django_db
def test_note_is_internal_and_not_mailed(django_capture_on_commit_callbacks):
    case = CaseFactory()
    staff = UserFactory(is_staff=True)

    with django_capture_on_commit_callbacks(execute=True):
        note = case_add_note(case=case, text=" Bewoner belt vaak. ", by=staff)

    assert note.kind == EventKind.NOTE
    assert note.text == "Bewoner belt vaak."
    assert note.created_by == staff
    assert not note.visible_to_resident
    assert not case.events.filter(visible_to_resident=True).exists()
    assert mail.outbox == []
    case.refresh_from_db()
    assert case.status.name == "Ontvangen"


@pytest.mark.django_db
def test_cases_keep_their_own_timeline():
    case = CaseFactory()
    other = CaseFactory()

    case_add_note(case=case, text="Notitie", by=UserFactory(is_staff=True))

    assert Case.objects.get(pk=other.pk).events.count() == 0
    assert case.events.count() == 1


@pytest.mark.django_db
def test_message_on_a_closed_case_keeps_the_closing_date(django_capture_on_commit_callbacks):
    # The portal shows "Afgerond op <closed_at>"; a later message must not move that date.
    closed_on = local(2026, 12, 1, 11, 0)
    case = CaseFactory(closed=True, closed_at=closed_on)

    with django_capture_on_commit_callbacks(execute=True), frozen(local(2026, 12, 10, 9, 0)):
        case_change_status(
            case=case,
            status=status_of(case, "Afgehandeld"),
            by=UserFactory(is_staff=True),
            message="Aanvulling: de tegel is ook opnieuw gelegd.",
        )

    case.refresh_from_db()
    assert case.status.name == "Afgehandeld"
    assert len(mail.outbox) == 1
    assert case.closed_at == closed_on

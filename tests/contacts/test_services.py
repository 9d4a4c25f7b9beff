import datetime as dt
from unittest import mock
from zoneinfo import ZoneInfo

import pytest

from contacts.constants import Channel, Direction
from contacts.models import AccessLogEntry, Resident, ServiceNorm
from contacts.services import (
    access_log_record,
    contact_moment_register,
    resident_get_or_create_by_bsn,
)
from tests.contacts.factories import TEST_BSNS, ResidentFactory, UserFactory

AMS = ZoneInfo("Europe/Amsterdam")


def local(*args):
    return dt.datetime(*args, tzinfo=AMS)


def frozen(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


# resident_get_or_create_by_bsn


@pytest.mark.django_db
def test_same_bsn_finds_the_same_resident_twice():
    first = resident_get_or_create_by_bsn(bsn=TEST_BSNS[0], name="Anna de Vries")
    second = resident_get_or_create_by_bsn(bsn=TEST_BSNS[0])

    assert second.pk == first.pk
    assert Resident.objects.count() == 1
    assert second.name == "Anna de Vries"


@pytest.mark.django_db
def test_same_bsn_written_with_spaces_finds_the_same_resident():
    first = resident_get_or_create_by_bsn(bsn="999990019")
    second = resident_get_or_create_by_bsn(bsn="9999 90 019")

    assert second.pk == first.pk


@pytest.mark.django_db
def test_different_bsns_are_different_residents():
    first = resident_get_or_create_by_bsn(bsn=TEST_BSNS[0])
    second = resident_get_or_create_by_bsn(bsn=TEST_BSNS[1])

    assert first.pk != second.pk
    assert Resident.objects.count() == 2


@pytest.mark.django_db
def test_login_links_the_portal_user_to_the_resident():
    user = UserFactory()
    resident_get_or_create_by_bsn(bsn=TEST_BSNS[0], name="Anna de Vries")

    resident = resident_get_or_create_by_bsn(bsn=TEST_BSNS[0], user=user)

    resident.refresh_from_db()
    assert resident.user == user
    user.refresh_from_db()
    assert user.resident == resident


@pytest.mark.django_db
def test_later_login_does_not_overwrite_a_known_name():
    resident_get_or_create_by_bsn(bsn=TEST_BSNS[0], name="Anna de Vries")

    resident = resident_get_or_create_by_bsn(bsn=TEST_BSNS[0], name="A. de Vries")

    resident.refresh_from_db()
    assert resident.name == "Anna de Vries"


@pytest.mark.django_db
def test_name_is_filled_in_when_it_was_unknown():
    resident_get_or_create_by_bsn(bsn=TEST_BSNS[0])

    resident = resident_get_or_create_by_bsn(bsn=TEST_BSNS[0], name="Anna de Vries")

    resident.refresh_from_db()
    assert resident.name == "Anna de Vries"


@pytest.mark.django_db
def test_the_plain_bsn_is_stored_nowhere_in_the_resident_row():
    bsn = TEST_BSNS[2]
    user = UserFactory()

    resident = resident_get_or_create_by_bsn(bsn=bsn, user=user, name="Anna de Vries")

    row = Resident.objects.filter(pk=resident.pk).values().get()
    assert row["bsn_hash"]
    for column, value in row.items():
        assert bsn not in str(value), column
    resident.refresh_from_db()
    for field in Resident._meta.concrete_fields:
        assert bsn not in str(field.value_from_object(resident)), field.name


# contact_moment_register


@pytest.mark.django_db
def test_service_norms_from_the_dienstverleningsconcept_exist():
    norms = {n.channel: (n.amount, n.unit) for n in ServiceNorm.objects.all()}

    assert norms == {
        "phone": (2, "working_days"),
        "email": (5, "working_days"),
        "web": (5, "working_days"),
        "post": (6, "weeks"),
        "social": (2, "office_hours"),
        # Not in the document; our choice (contacts migration 0012).
        "chat": (2, "office_hours"),
        "counter": (2, "working_days"),
        "home_visit": (2, "working_days"),
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "channel, registered, expected_due",
    [
        # Friday 4 Dec 2026: 2 working days -> Tuesday 8 Dec, end of office day.
        (Channel.PHONE, local(2026, 12, 4, 10, 0), local(2026, 12, 8, 17, 0)),
        # Monday 30 Nov 2026: 5 working days -> Monday 7 Dec.
        (Channel.EMAIL, local(2026, 11, 30, 9, 0), local(2026, 12, 7, 17, 0)),
        (Channel.WEB, local(2026, 11, 30, 9, 0), local(2026, 12, 7, 17, 0)),
        # Email on Thursday 24 Dec 2026: Kerst and Nieuwjaarsdag do not count.
        (Channel.EMAIL, local(2026, 12, 24, 9, 0), local(2027, 1, 4, 17, 0)),
        # Post: 6 weeks.
        (Channel.POST, local(2026, 11, 30, 9, 0), local(2027, 1, 11, 17, 0)),
        # Social media: Friday 16:30 + 2 office hours -> Monday 10:00.
        (Channel.SOCIAL, local(2026, 12, 4, 16, 30), local(2026, 12, 7, 10, 0)),
    ],
)
def test_contact_moment_gets_the_answer_date_of_its_channel(channel, registered, expected_due):
    with frozen(registered):
        moment = contact_moment_register(channel=channel, topic="Vraag over afval")

    moment.refresh_from_db()
    assert moment.registered_at == registered
    assert moment.answer_due_at == expected_due


@pytest.mark.django_db
def test_an_edited_service_norm_is_used_for_new_contacts():
    ServiceNorm.objects.filter(channel=Channel.PHONE).update(amount=1)

    with frozen(local(2026, 12, 4, 10, 0)):
        moment = contact_moment_register(channel=Channel.PHONE, topic="Terugbelverzoek")

    assert moment.answer_due_at == local(2026, 12, 7, 17, 0)


@pytest.mark.django_db
def test_channel_without_a_norm_has_no_answer_date():
    ServiceNorm.objects.filter(channel=Channel.COUNTER).delete()

    with frozen(local(2026, 12, 4, 10, 0)):
        moment = contact_moment_register(channel=Channel.COUNTER, topic="Paspoort")

    assert moment.answer_due_at is None


@pytest.mark.django_db
def test_outbound_contact_has_no_answer_date():
    with frozen(local(2026, 12, 4, 10, 0)):
        moment = contact_moment_register(
            channel=Channel.PHONE, topic="Teruggebeld", direction=Direction.OUTBOUND
        )

    assert moment.answer_due_at is None


@pytest.mark.django_db
def test_explicit_answer_date_wins_over_the_norm():
    agreed = local(2026, 12, 18, 12, 0)

    with frozen(local(2026, 12, 4, 10, 0)):
        moment = contact_moment_register(
            channel=Channel.PHONE, topic="Afspraak", answer_due_at=agreed
        )

    moment.refresh_from_db()
    assert moment.answer_due_at == agreed


@pytest.mark.django_db
def test_contact_moment_is_linked_to_resident_and_staff():
    resident = ResidentFactory()
    staff = UserFactory(is_staff=True)

    moment = contact_moment_register(
        channel=Channel.EMAIL, topic="Vraag", resident=resident, registered_by=staff
    )

    assert list(resident.contact_moments.all()) == [moment]
    assert moment.registered_by == staff


# access_log_record


@pytest.mark.django_db
def test_access_log_shows_the_staff_members_full_name():
    resident = ResidentFactory()
    staff = UserFactory(is_staff=True, first_name="Jan", last_name="Jansen")

    access_log_record(
        resident=resident, user=staff, what="Aanvraag HH-2026-ACD", reason="Behandeling"
    )

    entry = AccessLogEntry.objects.get(resident=resident)
    assert entry.user_display == "Jan Jansen"
    assert entry.user == staff
    assert entry.what == "Aanvraag HH-2026-ACD"
    assert entry.reason == "Behandeling"
    assert list(resident.access_log.all()) == [entry]


@pytest.mark.django_db
def test_access_log_falls_back_to_the_username():
    resident = ResidentFactory()
    staff = UserFactory(is_staff=True, username="jjansen", first_name="", last_name="")

    entry = access_log_record(resident=resident, user=staff, what="Gegevens", reason="Vraag")

    assert entry.user_display == "jjansen"


@pytest.mark.django_db
def test_access_log_keeps_the_name_after_the_account_is_deleted():
    resident = ResidentFactory()
    staff = UserFactory(is_staff=True, first_name="Jan", last_name="Jansen")
    access_log_record(resident=resident, user=staff, what="Gegevens", reason="Vraag")

    staff.delete()

    entry = AccessLogEntry.objects.get(resident=resident)
    assert entry.user is None
    assert entry.user_display == "Jan Jansen"

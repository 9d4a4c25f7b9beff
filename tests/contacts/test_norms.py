"""The one norm clock, with a moved clock and the municipality's calendar."""

import datetime as dt
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contacts import norms, services
from contacts.calendar import WorkCalendar
from contacts.constants import Channel, ClockKind, NormUnit, Outcome
from contacts.models import ClosingDay, NormClock
from contacts.norms import Norm

AMS = ZoneInfo("Europe/Amsterdam")
PHONE = Norm(2, NormUnit.WORKING_DAYS)
SOCIAL = Norm(2, NormUnit.OFFICE_HOURS)
LETTER = Norm(6, NormUnit.WEEKS)


def local(*args):
    return dt.datetime(*args, tzinfo=AMS)


def due(norm, start, **kwargs):
    return norms.due_at(norm, start, calendar=kwargs.pop("calendar", WorkCalendar()), **kwargs)


def test_callback_asked_on_good_friday_is_due_two_working_days_after_easter():
    # Goede Vrijdag and Tweede Paasdag are days off: Tuesday 7 and Wednesday 8 April count.
    assert due(PHONE, local(2026, 4, 3, 10, 0)) == local(2026, 4, 8, 17, 0)


def test_koningsdag_is_skipped():
    # Friday 24 April: Monday 27 April is Koningsdag, so Tuesday 28 and Wednesday 29 count.
    assert due(PHONE, local(2026, 4, 24, 9, 0)) == local(2026, 4, 29, 17, 0)
    # A contact registered on Koningsdag itself counts from that day.
    assert due(PHONE, local(2026, 4, 27, 11, 0)) == local(2026, 4, 29, 17, 0)


def test_office_hours_norm_at_16_55_continues_the_next_working_morning():
    # 5 minutes left on Friday, then 1 hour 55 from Monday 08:30.
    assert due(SOCIAL, local(2026, 11, 27, 16, 55)) == local(2026, 11, 30, 10, 25)


def test_office_hours_norm_after_closing_starts_the_next_morning():
    assert due(SOCIAL, local(2026, 11, 30, 18, 0)) == local(2026, 12, 1, 10, 30)


def test_a_pause_adds_the_working_days_it_covered():
    start = local(2026, 11, 30, 9, 0)  # Monday; due Wednesday 2 December
    assert due(PHONE, start) == local(2026, 12, 2, 17, 0)
    # Waiting for the resident from Tuesday to Thursday: two working days more.
    pauses = [(local(2026, 12, 1, 10, 0), local(2026, 12, 3, 15, 0))]
    assert due(PHONE, start, pauses=pauses) == local(2026, 12, 4, 17, 0)


def test_a_pause_over_a_weekend_adds_only_working_time():
    start = local(2026, 11, 27, 14, 0)  # Friday, 2 office hours: due 16:00
    pauses = [(local(2026, 11, 27, 15, 0), local(2026, 11, 30, 9, 30))]
    # Paused 15:00-17:00 on Friday and 08:30-09:30 on Monday: three office hours more.
    assert due(SOCIAL, start, pauses=pauses) == local(2026, 11, 30, 10, 30)


def test_an_open_pause_keeps_moving_the_due_time():
    start = local(2026, 11, 30, 9, 0)
    pauses = [(local(2026, 11, 30, 10, 0), None)]
    assert due(PHONE, start, pauses=pauses, now=local(2026, 12, 3, 12, 0)) == local(
        2026, 12, 7, 17, 0
    )


def test_six_weeks_over_christmas_with_closing_days():
    start = local(2026, 11, 30, 10, 0)  # six weeks: Monday 11 January 2027
    assert due(LETTER, start) == local(2027, 1, 11, 17, 0)
    # The municipality closes 28-31 December: four closing days stretch the norm.
    closed = frozenset({dt.date(2026, 12, day) for day in (28, 29, 30, 31)})
    assert due(LETTER, start, calendar=WorkCalendar(closed)) == local(2027, 1, 15, 17, 0)


def test_weeks_norm_ending_on_a_day_off_moves_to_the_next_working_day():
    # Six weeks after Tuesday 13 October 2026 is Tuesday 24 November; then Friday 20 November
    # 2026 + 6 weeks is Friday 1 January 2027 (Nieuwjaarsdag): Monday 4 January.
    assert due(LETTER, local(2026, 11, 20, 10, 0)) == local(2027, 1, 4, 17, 0)
    # Six weeks after Tuesday 17 November is Tuesday 29 December; with 29 and 30 December
    # closed, the one closing day inside the period stretches it to Thursday 31 December.
    closed = frozenset({dt.date(2026, 12, 29), dt.date(2026, 12, 30)})
    start = local(2026, 11, 17, 10, 0)
    assert due(LETTER, start, calendar=WorkCalendar(closed)) == local(2026, 12, 31, 17, 0)


def test_bevrijdingsdag_is_a_day_off_when_the_setting_says_so(settings):
    settings.LIBERATION_DAY_OFF = True
    assert due(PHONE, local(2026, 5, 4, 9, 0)) == local(2026, 5, 7, 17, 0)
    settings.LIBERATION_DAY_OFF = False
    assert due(PHONE, local(2026, 5, 4, 9, 0)) == local(2026, 5, 6, 17, 0)


def test_elapsed_fraction_counts_working_time_only():
    start = local(2026, 11, 30, 8, 30)
    end = due(PHONE, start)  # Wednesday 17:00: three office days of 8.5 hours
    # 80% of 25.5 office hours is 20.4: Wednesday 11:54. The nights do not count.
    now = local(2026, 12, 2, 11, 54)
    fraction = norms.elapsed_fraction(start, end, now=now, calendar=WorkCalendar())
    assert fraction == pytest.approx(0.8)


@pytest.mark.django_db
class TestClockServices:
    def test_closing_days_entered_by_staff_move_due_dates(self):
        with time_machine.travel(local(2026, 12, 23, 10, 0), tick=False):
            before = services.clock_start(kind=ClockKind.CONTACT, norm=PHONE)
            ClosingDay.objects.create(date=dt.date(2026, 12, 28), reason="Kerstsluiting")
            norms.norm_settings_changed()
            after = services.clock_start(kind=ClockKind.CONTACT, norm=PHONE)

        # 24 Dec and 28 Dec count before; with 28 Dec closed, 24 and 29 Dec count.
        assert before.due_at == local(2026, 12, 28, 17, 0)
        assert after.due_at == local(2026, 12, 29, 17, 0)

    def test_pause_and_resume_move_the_due_time(self):
        with time_machine.travel(local(2026, 11, 30, 9, 0), tick=False):
            clock = services.clock_start(kind=ClockKind.CASE, norm=PHONE)
        with time_machine.travel(local(2026, 12, 1, 10, 0), tick=False):
            services.clock_pause(clock=clock, reason="Wacht op inwoner")
        with time_machine.travel(local(2026, 12, 3, 15, 0), tick=False):
            clock = services.clock_resume(clock=clock)

        assert clock.due_at == local(2026, 12, 4, 17, 0)
        assert clock.paused_at is None
        assert clock.pauses.get().ended_at == local(2026, 12, 3, 15, 0)

    def test_warning_at_80_percent_and_breach_recorded_once(self):
        with time_machine.travel(local(2026, 11, 30, 8, 30), tick=False):
            clock = services.clock_start(kind=ClockKind.TASK, norm=PHONE)

        assert services.clocks_check(now=local(2026, 12, 2, 9, 0))["warned"] == []
        assert services.clocks_check(now=local(2026, 12, 2, 14, 0))["warned"] == [clock.pk]
        assert services.clocks_check(now=local(2026, 12, 2, 15, 0))["warned"] == []
        assert services.clocks_check(now=local(2026, 12, 2, 17, 1))["breached"] == [clock.pk]
        assert services.clocks_check(now=local(2026, 12, 3, 9, 0))["breached"] == []
        clock.refresh_from_db()
        assert clock.breached_at == clock.due_at

    def test_a_paused_clock_is_neither_warned_nor_breached(self):
        with time_machine.travel(local(2026, 11, 30, 8, 30), tick=False):
            clock = services.clock_start(kind=ClockKind.CASE, norm=PHONE)
            services.clock_pause(clock=clock)

        assert services.clocks_check(now=local(2026, 12, 10, 9, 0)) == {
            "warned": [],
            "breached": [],
        }

    def test_rescheduling_keeps_the_first_promise_and_needs_a_reason(self):
        with time_machine.travel(local(2026, 11, 30, 9, 0), tick=False):
            clock = services.clock_start(kind=ClockKind.CASE, norm=PHONE)
            first = clock.due_at
            with pytest.raises(ValidationError):
                services.clock_reschedule(clock=clock, due_at=local(2026, 12, 9, 17, 0), reason=" ")
            clock = services.clock_reschedule(
                clock=clock, due_at=local(2026, 12, 9, 17, 0), reason="Advies nodig van Ruimte"
            )

        assert clock.original_due_at == first
        assert clock.due_at == local(2026, 12, 9, 17, 0)
        assert clock.reschedule_reason == "Advies nodig van Ruimte"

    def test_stopping_measures_whether_the_norm_was_met(self):
        with time_machine.travel(local(2026, 11, 30, 9, 0), tick=False):
            in_time = services.clock_start(kind=ClockKind.CONTACT, norm=PHONE)
            late = services.clock_start(kind=ClockKind.CONTACT, norm=PHONE)
        services.clock_stop(clock=in_time, at=local(2026, 12, 2, 16, 0))
        services.clock_stop(clock=late, at=local(2026, 12, 3, 9, 0))

        assert NormClock.objects.get(pk=in_time.pk).met is True
        assert NormClock.objects.get(pk=late.pk).met is False

    def test_a_contact_answered_at_once_stops_its_clock(self):
        services.service_norms_ensure_defaults()

        open_contact = services.contact_moment_register(channel=Channel.PHONE, topic="Afval")
        answered = services.contact_moment_register(
            channel=Channel.PHONE, topic="Afval", outcome=Outcome.ANSWERED
        )

        assert open_contact.clock.stopped_at is None
        assert open_contact.answer_due_at == open_contact.clock.due_at
        assert answered.answered_at is not None
        assert answered.clock.met is True
        services.contact_moment_answer(contact=open_contact)
        open_contact.refresh_from_db()
        assert open_contact.answered_at is not None
        assert open_contact.clock.stopped_at == open_contact.answered_at

    def test_a_contact_answered_at_once_writes_its_clock_stopped_in_one_insert(self):
        services.service_norms_ensure_defaults()

        with (
            time_machine.travel(local(2026, 11, 30, 10, 0), tick=False),
            CaptureQueriesContext(connection) as queries,
        ):
            answered = services.contact_moment_register(
                channel=Channel.PHONE, topic="Afval", outcome=Outcome.CASE_CREATED
            )

        clock_sql = [q["sql"] for q in queries.captured_queries if "contacts_normclock" in q["sql"]]
        assert len(clock_sql) == 1 and clock_sql[0].startswith("INSERT"), clock_sql
        clock = NormClock.objects.get(pk=answered.clock_id)
        assert clock.stopped_at == answered.answered_at == local(2026, 11, 30, 10, 0)
        assert clock.due_at == answered.answer_due_at == local(2026, 12, 2, 17, 0)
        assert clock.breached_at is None
        assert clock.met is True

    def test_a_clock_started_stopped_is_as_clock_stop_leaves_it(self):
        with time_machine.travel(local(2026, 11, 30, 9, 0), tick=False):
            at_once = services.clock_start(
                kind=ClockKind.CONTACT, norm=PHONE, stopped_at=local(2026, 12, 3, 9, 0)
            )
            stopped = services.clock_start(kind=ClockKind.CONTACT, norm=PHONE)
        stopped = services.clock_stop(clock=stopped, at=local(2026, 12, 3, 9, 0))

        at_once.refresh_from_db()
        assert at_once.stopped_at == stopped.stopped_at
        assert at_once.breached_at == stopped.breached_at == local(2026, 12, 2, 17, 0)
        assert at_once.met is stopped.met is False

    def test_clocks_started_in_one_calendar_block_read_the_closing_days_once(self):
        with time_machine.travel(local(2026, 12, 23, 10, 0), tick=False):
            with mock.patch("contacts.norms.cache", wraps=cache) as spy, norms.one_calendar():
                first = services.clock_start(kind=ClockKind.CONTACT, norm=PHONE)
                second = services.clock_start(kind=ClockKind.CASE, norm=PHONE)
            reads = spy.get.call_count
            ClosingDay.objects.create(date=dt.date(2026, 12, 28), reason="Kerstsluiting")
            norms.norm_settings_changed()
            after = services.clock_start(kind=ClockKind.CONTACT, norm=PHONE)

        assert reads == 1
        assert first.due_at == second.due_at == local(2026, 12, 28, 17, 0)
        # Outside the block the calendar is read again: the new closing day counts.
        assert after.due_at == local(2026, 12, 29, 17, 0)


@pytest.mark.django_db
class TestNormSettingsCache:
    """Closing days and channel norms are read once and kept; a change by staff counts for
    the next contact without anyone clearing a cache."""

    def test_a_contact_reads_no_norm_or_closing_day_once_they_are_kept(
        self, django_assert_num_queries
    ):
        norms.work_calendar()
        with django_assert_num_queries(0):
            assert norms.channel_norm(Channel.PHONE) == Norm(2, NormUnit.WORKING_DAYS)
            norms.work_calendar()

    def test_an_edited_service_norm_counts_for_the_next_contact(self):
        from contacts.models import ServiceNorm

        with time_machine.travel(local(2026, 12, 4, 10, 0), tick=False):
            before = services.contact_moment_register(channel=Channel.PHONE, topic="Bellen")
            norm = ServiceNorm.objects.get(channel=Channel.PHONE)
            norm.amount = 1
            norm.save()
            after = services.contact_moment_register(channel=Channel.PHONE, topic="Bellen")

        # Friday 4 Dec: two working days is Tuesday, one is Monday.
        assert before.answer_due_at == local(2026, 12, 8, 17, 0)
        assert after.answer_due_at == local(2026, 12, 7, 17, 0)

    def test_a_channel_whose_norm_is_removed_gets_no_answer_date(self):
        from contacts.models import ServiceNorm

        assert norms.channel_norm(Channel.COUNTER) is not None
        ServiceNorm.objects.get(channel=Channel.COUNTER).delete()

        moment = services.contact_moment_register(channel=Channel.COUNTER, topic="Paspoort")

        assert moment.answer_due_at is None

    def test_a_closing_day_entered_by_staff_counts_at_once(self):
        with time_machine.travel(local(2026, 12, 23, 10, 0), tick=False):
            before = services.clock_start(kind=ClockKind.CONTACT, norm=PHONE)
            ClosingDay.objects.create(date=dt.date(2026, 12, 28), reason="Kerstsluiting")
            after = services.clock_start(kind=ClockKind.CONTACT, norm=PHONE)

        assert before.due_at == local(2026, 12, 28, 17, 0)
        assert after.due_at == local(2026, 12, 29, 17, 0)

    def test_a_read_between_the_change_and_its_commit_is_forgotten_after_the_commit(
        self, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            ClosingDay.objects.create(date=dt.date(2026, 12, 28), reason="Kerstsluiting")
            # Another process reads the closing days before this transaction commits.
            cache.set(norms._SETTINGS_KEY, (frozenset(), {}), 300)

        assert dt.date(2026, 12, 28) in norms.work_calendar().closed

    def test_a_migration_forgets_the_kept_norms(self):
        from django.apps import apps
        from django.db.models.signals import post_migrate

        from contacts.models import ServiceNorm

        assert norms.channel_norm(Channel.PHONE).amount == 2
        # A data migration changes the row without the model's signals.
        ServiceNorm.objects.filter(channel=Channel.PHONE).update(amount=1)

        config = apps.get_app_config("contacts")
        post_migrate.send(sender=config, app_config=config)

        assert norms.channel_norm(Channel.PHONE).amount == 1

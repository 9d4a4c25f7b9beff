"""Every contact on a channel staff work on is measured: the counter, chat and home visits
have a norm (contacts migration 0012), and a forwarded contact keeps its own due time."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from contacts.backoffice.dashboard_norms import compute
from contacts.constants import Channel, Outcome, TaskKind
from contacts.models import ServiceNorm
from contacts.services import (
    contact_moment_answer,
    contact_moment_register,
    contact_register,
    service_norms_ensure_defaults,
    task_create,
)
from tests.contacts.factories import TeamFactory, UserFactory

AMS = ZoneInfo("Europe/Amsterdam")


def local(*args):
    return dt.datetime(*args, tzinfo=AMS)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "channel, registered, expected_due",
    [
        # Friday 4 Dec 2026 at the counter: 2 working days -> Tuesday 8 Dec, end of day.
        (Channel.COUNTER, local(2026, 12, 4, 10, 0), local(2026, 12, 8, 17, 0)),
        (Channel.HOME_VISIT, local(2026, 12, 4, 10, 0), local(2026, 12, 8, 17, 0)),
        # Chat on Friday 16:30: 2 office hours -> Monday 10:00, as social media.
        (Channel.CHAT, local(2026, 12, 4, 16, 30), local(2026, 12, 7, 10, 0)),
    ],
)
def test_counter_chat_and_home_visit_contacts_get_an_answer_date(channel, registered, expected_due):
    with time_machine.travel(registered, tick=False):
        moment = contact_moment_register(channel=channel, topic="Vraag over de afvalpas")

    moment.refresh_from_db()
    assert moment.answer_due_at == expected_due
    assert moment.clock.due_at == expected_due
    assert moment.clock.channel == channel


@pytest.mark.django_db
def test_a_late_counter_answer_shows_on_the_dashboard_under_balie():
    team = TeamFactory(slug="burgerzaken")
    with time_machine.travel(local(2026, 12, 4, 10, 0), tick=False):
        moment = contact_moment_register(channel=Channel.COUNTER, topic="Paspoort", team=team)
    # Answered on Wednesday 9 Dec: a day after the two working days.
    contact_moment_answer(contact=moment, at=local(2026, 12, 9, 11, 0))

    figures = compute(now=local(2026, 12, 10, 12, 0))

    row = next(r for r in figures.rows if r.team_id == team.pk)
    assert row.channel_label == "Balie"
    assert (row.months_total.total, row.months_total.met) == (1, 0)


@pytest.mark.django_db
def test_norms_for_the_new_channels_keep_an_edit_by_an_administrator():
    ServiceNorm.objects.filter(channel=Channel.CHAT).update(amount=1)

    service_norms_ensure_defaults()

    assert ServiceNorm.objects.get(channel=Channel.CHAT).amount == 1


# --- a forwarded contact ---------------------------------------------------------------------


@pytest.mark.django_db
def test_a_forwarded_email_stays_due_five_working_days_after_it_came_in():
    team = TeamFactory(slug="wmo")
    # Monday 30 Nov 2026: 5 working days -> Monday 7 Dec, end of the office day.
    with time_machine.travel(local(2026, 11, 30, 9, 0), tick=False):
        moment = contact_moment_register(channel=Channel.EMAIL, topic="Traplift", team=team)
    # Forwarded on Wednesday: still due when the e-mail was, not 5 days from now.
    with time_machine.travel(local(2026, 12, 2, 14, 0), tick=False):
        task = task_create(
            kind=TaskKind.FORWARD, team=team, description="Traplift", contact_moment=moment
        )

    assert task.due_at == local(2026, 12, 7, 17, 0)
    assert task.clock.due_at == moment.answer_due_at
    assert task.clock.channel == Channel.EMAIL


@pytest.mark.django_db
def test_a_forwarded_call_keeps_the_phone_norm_not_the_email_norm():
    team = TeamFactory(slug="wmo")
    employee = UserFactory(is_staff=True)
    # Friday 4 Dec 2026 on the phone: 2 working days -> Tuesday 8 Dec.
    with time_machine.travel(local(2026, 12, 4, 10, 0), tick=False):
        registration = contact_register(
            channel=Channel.PHONE,
            topic="Scootmobiel",
            summary="Wil een scootmobiel aanvragen.",
            outcome=Outcome.FORWARDED,
            registered_by=employee,
            team=team,
        )

    assert registration.task.kind == TaskKind.FORWARD
    assert registration.task.due_at == local(2026, 12, 8, 17, 0)


@pytest.mark.django_db
def test_a_callback_is_still_due_by_the_phone_norm_from_when_it_was_asked():
    team = TeamFactory(slug="informatie")
    with time_machine.travel(local(2026, 11, 30, 9, 0), tick=False):
        moment = contact_moment_register(channel=Channel.EMAIL, topic="Bel mij", team=team)
        task = task_create(
            kind=TaskKind.CALLBACK, team=team, description="Bel mij", contact_moment=moment
        )

    # The phone's 2 working days, not the e-mail's 5.
    assert task.due_at == local(2026, 12, 2, 17, 0)

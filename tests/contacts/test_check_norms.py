"""``manage.py check_norms``: warnings at 80% and breaches marked once, the team told once."""

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import TestCase

from contacts import services, tasks
from contacts.constants import ClockKind, NormUnit
from contacts.norms import Norm
from tests.cases.factories import CaseFactory, CaseTypeFactory
from tests.contacts.factories import ResidentFactory, TeamFactory

AMS = ZoneInfo("Europe/Amsterdam")
PHONE = Norm(2, NormUnit.WORKING_DAYS)


def local(*args):
    return dt.datetime(*args, tzinfo=AMS)


def run(at):
    # E-mail goes through the outbox: sent once the run's transaction commits.
    with time_machine.travel(at, tick=False), TestCase.captureOnCommitCallbacks(execute=True):
        out = StringIO()
        call_command("check_norms", stdout=out)
        return out.getvalue()


@pytest.fixture
def team():
    return TeamFactory(name="Openbare ruimte", slug="openbare-ruimte", email="or@example.nl")


@pytest.fixture
def case(team):
    """A case started Monday 30 November 2026 08:30, due Wednesday 2 December 17:00."""
    with time_machine.travel(local(2026, 11, 30, 8, 30), tick=False):
        clock = services.clock_start(kind=ClockKind.CASE, norm=PHONE, team=team)
    return CaseFactory(
        reference="HH-2026-KMNPQR",
        title="Losse stoeptegel voor nummer 12",
        resident=ResidentFactory(name="Anna de Vries"),
        case_type=CaseTypeFactory(team=team),
        clock=clock,
    )


@pytest.mark.django_db
def test_the_team_hears_once_when_a_case_passes_80_percent(case):
    output = run(local(2026, 12, 2, 14, 0))
    again = run(local(2026, 12, 2, 14, 15))

    assert "1 bijna te laat, 0 te laat, 1 e-mail(s)" in output
    assert "0 bijna te laat, 0 te laat, 0 e-mail(s)" in again
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["or@example.nl"]
    assert message.subject == "Servicenormen team Openbare ruimte: 1 bijna te laat"
    assert "HH-2026-KMNPQR (aanvraag), uiterlijk 2 december 2026 17:00" in message.body
    assert f"/admin/cases/case/edit/{case.pk}/" in message.body
    assert "/admin/servicenormen/?team=openbare-ruimte" in message.body
    case.clock.refresh_from_db()
    assert case.clock.warned_at == local(2026, 12, 2, 14, 0)


@pytest.mark.django_db
def test_a_breach_is_recorded_and_told_once(case):
    run(local(2026, 12, 2, 14, 0))
    output = run(local(2026, 12, 3, 9, 0))
    run(local(2026, 12, 3, 9, 15))

    assert "0 bijna te laat, 1 te laat" in output
    assert len(mail.outbox) == 2
    assert mail.outbox[1].subject == "Servicenormen team Openbare ruimte: 1 te laat"
    assert "Te laat: de beloofde datum is voorbij (1)" in mail.outbox[1].body
    case.clock.refresh_from_db()
    assert case.clock.breached_at == case.clock.due_at


@pytest.mark.django_db
def test_the_email_carries_no_personal_data(case):
    run(local(2026, 12, 3, 9, 0))

    body = mail.outbox[0].body
    assert "Anna" not in body
    assert "stoeptegel" not in body


@pytest.mark.django_db
def test_one_email_per_team_listing_every_new_item(team):
    other = TeamFactory(name="Wmo", slug="wmo", email="wmo@example.nl")
    with time_machine.travel(local(2026, 11, 30, 8, 30), tick=False):
        for _ in range(3):
            services.clock_start(kind=ClockKind.TASK, norm=PHONE, team=team)
        services.clock_start(kind=ClockKind.TASK, norm=PHONE, team=other)

    run(local(2026, 12, 3, 9, 0))

    assert sorted(message.to[0] for message in mail.outbox) == ["or@example.nl", "wmo@example.nl"]
    mine = next(m for m in mail.outbox if m.to == ["or@example.nl"])
    assert mine.body.count("(taak), uiterlijk") == 3


@pytest.mark.django_db
def test_a_team_without_an_address_gets_no_email_but_the_clock_is_marked():
    team = TeamFactory(email="")
    with time_machine.travel(local(2026, 11, 30, 8, 30), tick=False):
        clock = services.clock_start(kind=ClockKind.TASK, norm=PHONE, team=team)

    run(local(2026, 12, 3, 9, 0))

    assert mail.outbox == []
    clock.refresh_from_db()
    assert clock.breached_at is not None


@pytest.mark.django_db
def test_the_task_does_the_same_work(case):
    with (
        time_machine.travel(local(2026, 12, 3, 9, 0), tick=False),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        result = tasks.check_norms.enqueue()

    assert result.return_value == {"warned": 0, "breached": 1, "mails": 1}
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_the_run_refreshes_the_cached_dashboard_figures(team):
    from contacts.backoffice.dashboard_norms import norm_figures

    now = local(2026, 12, 2, 14, 0)
    with time_machine.travel(now, tick=False):
        before = norm_figures(now=now)
        clock = services.clock_start(kind=ClockKind.TASK, norm=PHONE, team=team)
        services.clock_stop(clock=clock)
        cached = norm_figures(now=now)
    run(now)
    with time_machine.travel(now, tick=False):
        after = norm_figures(now=now)

    assert before.rows == cached.rows == []
    assert [row.weeks_total.total for row in after.rows] == [1]

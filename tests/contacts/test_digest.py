"""The daily digest per team: overdue, due on the next working day, past 80%."""

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import TestCase

from contacts import tasks
from contacts.backoffice.dashboard_digest import digests
from contacts.constants import ClockKind, NormUnit, TaskKind
from contacts.models import NormClock, Task
from tests.cases.factories import CaseFactory, CaseTypeFactory
from tests.contacts.factories import ResidentFactory, TeamFactory

AMS = ZoneInfo("Europe/Amsterdam")
# Friday 4 December 2026, 07:00: the next working day is Monday 7 December.
FRIDAY = dt.datetime(2026, 12, 4, 7, 0, tzinfo=AMS)


def local(*args):
    return dt.datetime(*args, tzinfo=AMS)


def clock(team, due, **fields):
    return NormClock.objects.create(
        kind=fields.pop("kind", ClockKind.TASK),
        team=team,
        norm_amount=2,
        norm_unit=NormUnit.WORKING_DAYS,
        started_at=due - dt.timedelta(days=2),
        due_at=due,
        **fields,
    )


def send(at=FRIDAY, *args):
    # E-mail goes through the outbox: sent once the run's transaction commits.
    with time_machine.travel(at, tick=False), TestCase.captureOnCommitCallbacks(execute=True):
        out = StringIO()
        call_command("send_team_digests", *args, stdout=out)
        return out.getvalue()


@pytest.fixture
def team():
    return TeamFactory(name="Wmo", slug="wmo", email="wmo@example.nl")


@pytest.fixture
def busy(team):
    overdue = CaseFactory(
        reference="HH-2026-ACDEFG",
        title="Traplift voor mevrouw Jansen",
        resident=ResidentFactory(name="Els Jansen"),
        case_type=CaseTypeFactory(team=team),
        clock=clock(team, local(2026, 12, 2, 17, 0), kind=ClockKind.CASE),
    )
    task_clock = clock(team, local(2026, 12, 7, 17, 0))  # due Monday
    task = Task.objects.create(
        kind=TaskKind.CALLBACK,
        team=team,
        description="Bel terug",
        due_at=task_clock.due_at,
        clock=task_clock,
    )
    clock(team, local(2026, 12, 4, 17, 0))  # due today: listed with the 80% section
    clock(team, local(2026, 12, 9, 17, 0), warned_at=local(2026, 12, 3, 12, 0))  # past 80%
    clock(team, local(2026, 12, 1, 17, 0), paused_at=local(2026, 11, 30, 9, 0))  # waiting
    clock(team, local(2026, 12, 1, 17, 0), stopped_at=local(2026, 12, 1, 9, 0))  # done
    clock(team, local(2026, 12, 15, 17, 0))  # not yet a concern
    return overdue, task


@pytest.mark.django_db
def test_the_digest_counts_and_lists_what_needs_attention(busy):
    overdue, task = busy

    output = send()

    assert "1 dagoverzicht(en) verstuurd" in output
    (message,) = mail.outbox
    assert message.to == ["wmo@example.nl"]
    assert message.subject == "Dagoverzicht servicenormen team Wmo, vrijdag 4 december"
    body = message.body
    assert "- Te laat: 1\n" in body
    assert "- Uiterlijk maandag 7 december: 1\n" in body
    assert "- Meer dan 80% van de tijd verstreken of uiterlijk vandaag: 2\n" in body
    assert "HH-2026-ACDEFG (aanvraag), uiterlijk 2 december 17:00" in body
    assert f"/admin/cases/case/edit/{overdue.pk}/" in body
    assert f"Taak {task.pk} (taak), uiterlijk 7 december 17:00" in body
    assert f"/admin/taken/{task.pk}/" in body
    assert "/admin/servicenormen/?team=wmo" in body


@pytest.mark.django_db
def test_the_digest_carries_no_personal_data(busy):
    send()

    body = mail.outbox[0].body
    assert "Jansen" not in body
    assert "Traplift" not in body
    assert "Bel terug" not in body


@pytest.mark.django_db
def test_nothing_to_report_no_email(team):
    clock(team, local(2026, 12, 15, 17, 0))
    clock(team, local(2026, 12, 1, 17, 0), stopped_at=local(2026, 12, 1, 9, 0))
    TeamFactory(name="Leeg", email="leeg@example.nl")

    output = send()

    assert mail.outbox == []
    assert "0 dagoverzicht(en) verstuurd" in output


@pytest.mark.django_db
def test_a_team_without_an_address_gets_no_digest():
    team = TeamFactory(email="")
    clock(team, local(2026, 12, 2, 17, 0))

    send()

    assert mail.outbox == []


@pytest.mark.django_db
def test_no_digest_on_a_public_holiday_unless_forced(busy):
    christmas = dt.datetime(2026, 12, 25, 7, 0, tzinfo=AMS)

    assert "Geen werkdag" in send(christmas)
    assert mail.outbox == []
    send(christmas, "--force")
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_long_lists_are_cut_with_a_count(team):
    for day in range(30):
        clock(team, local(2026, 11, 3, 17, 0) + dt.timedelta(days=day))

    with time_machine.travel(FRIDAY, tick=False):
        (digest,) = digests()

    assert digest.overdue.count == 30
    assert len(digest.overdue.lines) == 25
    assert digest.overdue.more == 5


@pytest.mark.django_db
def test_the_task_sends_the_digests(busy):
    with (
        time_machine.travel(FRIDAY, tick=False),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        result = tasks.send_team_digests.enqueue()

    assert result.return_value == 1
    assert len(mail.outbox) == 1

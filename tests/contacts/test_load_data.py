"""``manage.py generate_load_data``: a realistic year of work on norm clocks, in batches."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.models import Case, CaseEvent, SatisfactionResponse
from contacts.backoffice.dashboard_load_contacts import BURST_TOPIC
from contacts.backoffice.dashboard_norms import compute
from contacts.backoffice.dashboard_volume import compute as volume
from contacts.constants import ClockKind, Direction
from contacts.models import ClockPause, ContactMoment, NormClock, Task, Team


def generate(*args):
    out = StringIO()
    call_command("generate_load_data", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_refuses_to_run_with_production_settings(settings):
    settings.SETTINGS_MODULE = "config.settings.production"

    with pytest.raises(CommandError, match="productie-instellingen"):
        generate("--cases", "1", "--contacts", "1")
    assert not ContactMoment.objects.exists()


@pytest.mark.django_db
def test_cases_and_contacts_each_on_a_norm_clock():
    output = generate("--cases", "300", "--contacts", "2000", "--batch-size", "500")

    assert "2000 contacts" in output and "300 cases" in output
    assert Team.objects.count() >= 5
    assert Case.objects.count() == 300
    assert not Case.objects.filter(clock__isnull=True).exists()
    assert ContactMoment.objects.count() == 2000
    inbound_with_norm = ContactMoment.objects.filter(
        direction=Direction.INBOUND, channel__in=["phone", "email", "web", "post", "social"]
    )
    assert not inbound_with_norm.filter(clock__isnull=True).exists()
    assert not Task.objects.filter(clock__isnull=True).exists()
    assert NormClock.objects.filter(kind=ClockKind.CASE).count() == 300
    assert CaseEvent.objects.filter(kind="created").count() == 300
    assert SatisfactionResponse.objects.exists()


@pytest.mark.django_db
def test_a_spread_over_the_year_with_open_overdue_and_paused_work():
    # Enough cases that some are still open and paused whatever the day: about 1 in 100
    # is open, and 1 in 4 of those waits for the resident.
    generate("--cases", "3000", "--contacts", "2000")
    now = timezone.now()

    clocks = NormClock.objects.all()
    assert clocks.filter(started_at__lt=now - dt.timedelta(days=300)).exists()
    assert not clocks.filter(started_at__lt=now - dt.timedelta(days=366)).exists()
    assert not clocks.filter(started_at__gt=now).exists()
    running = clocks.filter(stopped_at__isnull=True)
    assert running.filter(paused_at__isnull=True, due_at__lt=now).exists()  # overdue
    assert running.filter(paused_at__isnull=False).exists()  # waiting
    assert running.filter(due_at__gte=now).exists()  # open in time
    assert ClockPause.objects.count() == running.filter(paused_at__isnull=False).count()
    stopped = clocks.filter(stopped_at__isnull=False)
    late = stopped.filter(breached_at__isnull=False).count()
    assert 0 < late < stopped.count() / 4  # most work is done within the norm
    assert Case.objects.filter(closed_at__isnull=True).count() < 3000 / 4
    assert len({team for team in clocks.values_list("team", flat=True)}) >= 5


@pytest.mark.django_db
def test_the_dashboard_reads_the_load_data():
    generate("--cases", "200", "--contacts", "1500")

    figures = compute(now=timezone.now())

    # Half of a year of 1,700 clocks falls in the last six months.
    assert sum(row.months_total.total for row in figures.rows) > 600
    assert all(
        row.months_total.median is not None for row in figures.rows if row.months_total.total
    )
    assert BURST_TOPIC in [surge.subject for surge in volume(now=timezone.now())]


@pytest.mark.django_db
def test_queries_grow_with_batches_not_with_rows():
    with CaptureQueriesContext(connection) as small:
        generate("--cases", "100", "--contacts", "1000", "--batch-size", "1000")
    with CaptureQueriesContext(connection) as large:
        generate("--cases", "400", "--contacts", "4000", "--batch-size", "4000")

    assert len(large) <= len(small) + 5

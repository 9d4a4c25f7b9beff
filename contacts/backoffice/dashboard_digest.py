"""The daily digest per team: what is overdue, what is due on the next working day, and what
has passed 80% of its time (or is due today). Counts, and references with links to the admin;
never a resident's data. A team with nothing to report gets no e-mail.

Clocks waiting for the resident (paused) are left out: nothing is owed while they wait.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone

from contacts import norms
from contacts.backoffice.dashboard_notices import dashboard_url
from contacts.backoffice.dashboard_registry import clock_refs
from contacts.models import NormClock, Team
from ops.links import admin_url
from outbox.services import queue_email

LISTED = 25


@dataclass(frozen=True)
class Line:
    reference: str
    url: str
    kind: str
    due_at: dt.datetime


@dataclass(frozen=True)
class Section:
    count: int
    lines: list[Line]

    @property
    def more(self) -> int:
        return self.count - len(self.lines)


@dataclass(frozen=True)
class Digest:
    team: Team
    next_day: dt.date
    overdue: Section
    due_next: Section
    warned: Section


def _midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


def sections(now: dt.datetime) -> tuple[dt.date, dict[str, Q]]:
    """The next working day and the three (disjoint) conditions of the digest."""
    today = timezone.localtime(now).date()
    next_day = norms.work_calendar().next_working_day(today + dt.timedelta(days=1))
    next_starts = _midnight(next_day)
    next_ends = _midnight(next_day + dt.timedelta(days=1))
    tomorrow = _midnight(today + dt.timedelta(days=1))
    on_next_day = Q(due_at__gte=max(now, next_starts), due_at__lt=next_ends)
    return next_day, {
        "overdue": Q(due_at__lt=now),
        "due_next": on_next_day,
        "warned": Q(due_at__gte=now)
        & ~on_next_day
        & (Q(warned_at__isnull=False) | Q(due_at__lt=tomorrow)),
    }


def _lines(clocks) -> list[Line]:
    clocks = list(clocks)
    refs = clock_refs(clocks)
    return [
        Line(refs[c.pk].reference, admin_url(refs[c.pk].url), c.get_kind_display(), c.due_at)
        for c in clocks
    ]


def digests(*, now: dt.datetime | None = None) -> list[Digest]:
    """A digest for every team with an e-mail address and something to report.

    One query counts for all teams; the listed references take a few queries per team that
    has something to report, never one per clock.
    """
    now = now or timezone.now()
    next_day, conditions = sections(now)
    teams = {team.pk: team for team in Team.objects.exclude(email="")}
    counting = NormClock.objects.running().filter(paused_at__isnull=True, team_id__in=list(teams))
    counts = counting.values("team_id").annotate(
        **{name: Count("due_at", filter=condition) for name, condition in conditions.items()}
    )
    result = []
    for row in counts.order_by():
        if not any(row[name] for name in conditions):
            continue
        team_clocks = counting.filter(team_id=row["team_id"]).only("pk", "kind", "due_at")
        found = {
            name: Section(
                row[name],
                _lines(team_clocks.filter(condition).order_by("due_at", "pk")[:LISTED])
                if row[name]
                else [],
            )
            for name, condition in conditions.items()
        }
        result.append(Digest(teams[row["team_id"]], next_day, **found))
    result.sort(key=lambda digest: digest.team.name)
    return result


def send_team_digests(*, now: dt.datetime | None = None) -> int:
    """Send each team its digest; returns the number of e-mails sent."""
    now = now or timezone.now()
    sent = 0
    for digest in digests(now=now):
        context = {"digest": digest, "now": now, "dashboard_url": dashboard_url(digest.team)}
        queue_email(
            to=digest.team.email,
            subject=render_to_string("contacts/email/team_digest_subject.txt", context).strip(),
            body=render_to_string("contacts/email/team_digest.txt", context),
            dedupe_key=f"contacts.digest:{digest.team.pk}:{timezone.localdate(now).isoformat()}",
        )
        sent += 1
    return sent

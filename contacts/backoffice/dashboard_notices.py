"""The norm watch: mark running clocks past 80% of their time or past due, once, and tell
each team by e-mail about its newly warned and breached items.

The e-mail names items by reference with a link to the admin, never with a resident's data.
Run every 15 minutes (``manage.py check_norms``); a second run finds nothing new and sends
nothing, because ``clocks_check`` marks each clock once.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from contacts.backoffice.dashboard_registry import clock_refs
from contacts.models import NormClock, Team
from contacts.services import clocks_check
from ops.links import admin_url
from outbox.services import dedupe_digest, queue_email

logger = logging.getLogger(__name__)

LISTED = 50  # items named per section; the rest is a count and the dashboard link
_CHUNK = 500


@dataclass(frozen=True)
class Item:
    reference: str
    url: str
    kind: str
    due_at: dt.datetime


def dashboard_url(team: Team) -> str:
    return admin_url(reverse("contacts_dashboard")) + f"?team={team.slug}"


def items(clock_ids: list[int]) -> dict[int | None, list[Item]]:
    """The clocks as e-mail lines per team id, earliest due first (a query per chunk and
    one per clock kind)."""
    clocks = []
    for start in range(0, len(clock_ids), _CHUNK):
        chunk = clock_ids[start : start + _CHUNK]
        clocks += NormClock.objects.filter(pk__in=chunk).only("pk", "kind", "team_id", "due_at")
    refs = clock_refs(clocks)
    by_team: dict[int | None, list[Item]] = defaultdict(list)
    for clock in sorted(clocks, key=lambda c: (c.due_at, c.pk)):
        ref = refs[clock.pk]
        by_team[clock.team_id].append(
            Item(ref.reference, admin_url(ref.url), clock.get_kind_display(), clock.due_at)
        )
    return by_team


def _clocks_digest(warned: list[int], breached: list[int]) -> str:
    """The same newly marked clocks give the same e-mail: a rerun queues nothing new."""
    marked = f"{sorted(warned)}|{sorted(breached)}"
    return dedupe_digest(marked)


def _section(found: list[Item]) -> dict:
    return {"items": found[:LISTED], "count": len(found), "more": max(0, len(found) - LISTED)}


def notify_teams(*, warned: list[int], breached: list[int], now: dt.datetime) -> int:
    """One e-mail per team with newly warned or breached items; returns the number sent."""
    warned_by_team, breached_by_team = items(warned), items(breached)
    team_ids = {pk for pk in (*warned_by_team, *breached_by_team) if pk is not None}
    sent = 0
    for team in Team.objects.filter(pk__in=team_ids):
        if not team.email:
            logger.warning("Team %s has no e-mail address for norm warnings", team.pk)
            continue
        context = {
            "team": team,
            "now": now,
            "breached": _section(breached_by_team.get(team.pk, [])),
            "warned": _section(warned_by_team.get(team.pk, [])),
            "dashboard_url": dashboard_url(team),
        }
        queue_email(
            to=team.email,
            subject=render_to_string("contacts/email/norm_watch_subject.txt", context).strip(),
            body=render_to_string("contacts/email/norm_watch.txt", context),
            dedupe_key=f"contacts.norms:{team.pk}:{_clocks_digest(warned, breached)}",
        )
        sent += 1
    return sent


def check_norms(*, now: dt.datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    found = clocks_check(now=now)
    mails = notify_teams(warned=found["warned"], breached=found["breached"], now=now)
    return {"warned": len(found["warned"]), "breached": len(found["breached"]), "mails": mails}

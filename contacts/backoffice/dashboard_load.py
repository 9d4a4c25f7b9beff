"""Load data for the back-office benchmark: what every generator shares.

Rows are plain dicts (field attname -> value) written in batches by ``Writer``: on
PostgreSQL with COPY and ids drawn from the table's sequence (so children can point at their
parents without reading anything back), elsewhere with ``bulk_create``. Clocks follow the
rules of the services without calling them (that would be a query or more per row): due
times from ``contacts.norms`` (memoised per start day), handling times drawn relative to the
norm so most are met, some are late (breached) and some are still open, overdue or paused.
Open clocks past 80% are marked warned, as ``check_norms`` would have done.
"""

from __future__ import annotations

import datetime as dt
import enum
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection
from django.utils import timezone

from contacts import norms
from contacts.calendar import OFFICE_CLOSES, OFFICE_OPENS
from contacts.constants import Channel, NormUnit
from contacts.models import ClockPause, NormClock, Team
from contacts.norms import Norm

# How much of the work each team gets (unknown teams: 3).
TEAM_WEIGHTS = {
    "informatie": 30,
    "openbare-ruimte": 22,
    "burgerzaken": 14,
    "belastingen": 10,
    "wmo": 8,
    "vergunningen": 6,
    "werk-en-inkomen": 6,
    "nieuws": 1,
}
# Channels staff work on in office hours; the others arrive at any time.
OFFICE_CHANNELS = {Channel.PHONE, Channel.COUNTER}


def refuse_production(settings_module: str) -> None:
    if settings_module.endswith(".production"):
        raise RuntimeError(
            "generate_load_data weigert te draaien met productie-instellingen "
            f"({settings_module}): gebruik een eigen database met dev- of testinstellingen."
        )


class Writer:
    """Insert rows and return their ids, in the order given."""

    def __init__(self):
        self.copy = connection.vendor == "postgresql"

    def insert(self, model, rows: list[dict]) -> list[int]:
        if not rows:
            return []
        if not self.copy:
            return [obj.pk for obj in model.objects.bulk_create([model(**row) for row in rows])]
        table = model._meta.db_table
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        # What a model instance would have filled in: defaults, and "now" for auto_now(_add).
        now = timezone.now()
        missing = {
            f.attname: now if getattr(f, "auto_now_add", False) else f.get_default()
            for f in fields
            if f.attname not in rows[0]
        }
        columns = ", ".join(["id"] + [connection.ops.quote_name(f.column) for f in fields])
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, len(rows)],
            )
            ids = [row[0] for row in cursor.fetchall()]
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for pk, row in zip(ids, rows, strict=True):
                    values = [pk]
                    for f in fields:
                        value = row[f.attname] if f.attname in row else missing[f.attname]
                        values.append(value.value if isinstance(value, enum.Enum) else value)
                    copy.write_row(values)
        return ids


@dataclass
class Load:
    """What every generator shares: randomness, the moment, teams, residents, the calendar."""

    rng: random.Random
    now: dt.datetime
    days: int
    batch_size: int
    teams: list[Team]
    resident_ids: list[int] = field(default_factory=list)
    log: Callable[[str], None] = print

    def __post_init__(self):
        self.calendar = norms.work_calendar()
        self.writer = Writer()
        self._due: dict[tuple, dt.datetime] = {}
        self._office: dict[dt.date, tuple[dt.datetime, dt.timedelta]] = {}
        self._team_weights = [TEAM_WEIGHTS.get(team.slug, 3) for team in self.teams]
        # Teams differ a little in how fast they are, so the dashboard has something to show.
        self._pace = {team.pk: self.rng.uniform(-0.5, 0.1) for team in self.teams}

    # --- choices

    def team(self) -> Team:
        return self.rng.choices(self.teams, self._team_weights)[0]

    def resident_id(self) -> int | None:
        if not self.resident_ids or self.rng.random() < 0.1:
            return None
        return self.rng.choice(self.resident_ids)

    def _office_hours(self, day: dt.date) -> tuple[dt.datetime, dt.timedelta]:
        if day not in self._office:
            working = self.calendar.next_working_day(day)
            opens = timezone.make_aware(dt.datetime.combine(working, OFFICE_OPENS))
            closes = timezone.make_aware(dt.datetime.combine(working, OFFICE_CLOSES))
            self._office[day] = (opens, closes - opens)
        return self._office[day]

    def moment(self, channel: str, *, days: float | None = None) -> dt.datetime:
        """A moment in the last ``days``: office channels on working days in office hours."""
        moment = self.now - dt.timedelta(days=self.rng.random() * (days or self.days))
        if channel in OFFICE_CHANNELS:
            opens, span = self._office_hours(timezone.localtime(moment).date())
            moment = opens + span * self.rng.random()
        return min(moment, self.now - dt.timedelta(minutes=1))

    # --- clocks

    def due_at(self, norm: Norm, start: dt.datetime) -> dt.datetime:
        if norm.unit == NormUnit.OFFICE_HOURS:
            return norms.due_at(norm, start, calendar=self.calendar)
        key = (norm.amount, norm.unit, timezone.localtime(start).date())
        if key not in self._due:
            self._due[key] = norms.due_at(norm, start, calendar=self.calendar)
        return self._due[key]

    def clock(
        self,
        kind: str,
        norm: Norm,
        *,
        team_id: int | None,
        channel: str,
        start: dt.datetime,
        stop_at_once: bool = False,
        may_pause: bool = False,
    ) -> dict:
        """A clock row: stopped (met or late), or still running, perhaps paused."""
        due = self.due_at(norm, start)
        clock = {
            "kind": kind,
            "team_id": team_id,
            "channel": channel,
            "norm_amount": norm.amount,
            "norm_unit": norm.unit,
            "started_at": start,
            "due_at": due,
            "original_due_at": None,
            "reschedule_reason": "",
            "paused_at": None,
            "warned_at": None,
            "breached_at": None,
            "stopped_at": None,
        }
        if stop_at_once:
            clock["stopped_at"] = start
            return clock
        # Handling time as a share of the norm's span: median about 45%, about one in ten late.
        share = self.rng.lognormvariate(-0.8 + self._pace.get(team_id, 0), 0.65)
        stop = start + (due - start) * share
        straggler = self.rng.random() < 0.002
        if stop <= self.now and not straggler:
            clock["stopped_at"] = stop
            clock["breached_at"] = due if stop > due else None
        elif may_pause and self.rng.random() < 0.25:
            clock["paused_at"] = start + (self.now - start) * self.rng.uniform(0.2, 0.8)
        elif due < self.now:
            clock["breached_at"] = due
        elif (
            norms.elapsed_fraction(start, due, now=self.now, calendar=self.calendar)
            >= norms.WARN_FRACTION
        ):
            clock["warned_at"] = self.now
        return clock

    def insert_clocks(self, clocks: list[dict]) -> list[int]:
        """Write the clocks and the open pause of each paused one; returns their ids."""
        ids = self.writer.insert(NormClock, clocks)
        pauses = [
            {
                "clock_id": pk,
                "started_at": c["paused_at"],
                "ended_at": None,
                "reason": "Wacht op inwoner",
            }
            for pk, c in zip(ids, clocks, strict=True)
            if c["paused_at"] is not None
        ]
        self.writer.insert(ClockPause, pauses)
        return ids

"""The norm clock of a case as staff read it: due, paused, share of time used, warned or late."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from contacts import norms


@dataclass(frozen=True)
class ClockView:
    norm: str
    due_at: dt.datetime
    percent_used: int
    paused_since: dt.datetime | None
    stopped_at: dt.datetime | None
    warned: bool
    breached: bool
    original_due_at: dt.datetime | None
    reschedule_reason: str

    @property
    def state(self) -> str:
        if self.stopped_at:
            return "te laat afgerond" if self.breached else "op tijd afgerond"
        if self.paused_since:
            return "klok staat stil"
        if self.breached:
            return "te laat"
        if self.warned:
            return "bijna te laat"
        return "op schema"


def clock_view(clock, *, now=None) -> ClockView | None:
    if clock is None:
        return None
    now = now or timezone.now()
    end = clock.stopped_at or now
    pauses = [(pause.started_at, pause.ended_at) for pause in clock.pauses.all()]
    fraction = norms.elapsed_fraction(clock.started_at, clock.due_at, now=end, pauses=pauses)
    return ClockView(
        norm=str(clock.norm),
        due_at=clock.due_at,
        percent_used=round(fraction * 100),
        paused_since=clock.paused_at,
        stopped_at=clock.stopped_at,
        warned=clock.warned_at is not None or fraction >= norms.WARN_FRACTION,
        breached=clock.breached_at is not None or end > clock.due_at,
        original_due_at=clock.original_due_at,
        reschedule_reason=clock.reschedule_reason,
    )

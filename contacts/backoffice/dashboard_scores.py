"""Satisfaction per team and channel, from the sources other apps register (cases asks the
resident one question when a case closes)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from contacts.backoffice import dashboard
from contacts.backoffice.dashboard_norms import channel_label
from contacts.backoffice.dashboard_registry import Score, satisfaction_scores

MONTHS = 6


@dataclass(frozen=True)
class ScoreRow:
    team: str
    channel: str
    average: float
    count: int

    @property
    def average_text(self) -> str:
        return f"{self.average:.1f}".replace(".", ",")


def _since(now: dt.datetime) -> dt.datetime:
    return now - dt.timedelta(days=round(MONTHS * 30.4))


def all_scores(*, now: dt.datetime, refresh: bool = False) -> list[Score]:
    today = timezone.localtime(now).date()
    return dashboard.cached(
        "scores", (today,), lambda: satisfaction_scores(since=_since(now)), refresh=refresh
    )


def scores_for(scope: dashboard.TeamScope, *, now: dt.datetime) -> list[ScoreRow]:
    """The scores of the last MONTHS months for the teams in scope, by team then channel."""
    team_ids = scope.team_ids
    teams = {team.pk: index for index, team in enumerate(scope.teams)}
    chosen = [
        score
        for score in all_scores(now=now)
        if score.count and (team_ids is None or score.team_id in team_ids)
    ]
    chosen.sort(key=lambda score: (teams.get(score.team_id, len(teams)), score.channel))
    return [
        ScoreRow(scope.name(s.team_id), channel_label(s.channel), s.average, s.count)
        for s in chosen
    ]

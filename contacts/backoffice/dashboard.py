"""The service-norm dashboard ("Servicenormen"): who sees it, for which teams, and the cache
its heavier figures live in.

Staff see the teams they belong to; superusers and team leads (the "Teamleider" role: a group
with the permission below) see every team, and clocks without a team. Editors without a team
see no dashboard at all: the figures are about residents' questions.

Open work (due today, overdue, waiting, past 80%) is counted live on every request. The
figures over whole weeks and months read every clock stopped in that period, so they are
computed for all teams at once, cached, and refreshed by ``manage.py check_norms`` every
15 minutes: a page view never waits for them in production.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from contacts.constants import ClockKind
from contacts.models import Team
from contacts.staff import is_active_staff

# The "Teamleider" role. Viewing norm clocks means viewing all of them: a group with this
# permission ("Kan normklok bekijken") sees the figures of every team.
TEAM_LEAD_PERMISSION = "contacts.view_normclock"
# Unit Nieuws: who may publish an alert sees the subjects with unusual volume.
ALERT_PERMISSION = "cms.add_alert"
ALERT_ADD_URL_NAME = "wagtailsnippets_cms_alert:add"

CACHE_SECONDS = getattr(settings, "CONTACTS_DASHBOARD_CACHE_SECONDS", 20 * 60)
_VERSION_KEY = "contacts:dashboard:version"

KIND_CHOICES = [("", "Alles"), *ClockKind.choices]
NO_TEAM = "Zonder team"


@dataclass(frozen=True)
class TeamScope:
    """The teams a user sees on the dashboard. ``team_ids`` None: every team, and clocks
    without one."""

    teams: list[Team]
    all_teams: bool

    @property
    def team_ids(self) -> list[int] | None:
        return None if self.all_teams else [team.pk for team in self.teams]

    def name(self, team_id: int | None) -> str:
        for team in self.teams:
            if team.pk == team_id:
                return team.name
        return NO_TEAM

    def narrowed(self, slug: str) -> TeamScope:
        """Only the team with this slug, if the user sees it."""
        chosen = [team for team in self.teams if team.slug == slug]
        return TeamScope(chosen, all_teams=False) if chosen else self


def sees_all_teams(user) -> bool:
    return user.is_superuser or user.has_perm(TEAM_LEAD_PERMISSION)


def team_scope(user) -> TeamScope:
    if not is_active_staff(user):
        return TeamScope([], all_teams=False)
    if sees_all_teams(user):
        return TeamScope(list(Team.objects.all()), all_teams=True)
    return TeamScope(list(Team.objects.of_user(user)), all_teams=False)


# --- cache ---------------------------------------------------------------------------------


def cache_key(name: str, *parts) -> str:
    version = cache.get_or_set(_VERSION_KEY, 1, timeout=None)
    return ":".join(["contacts:dashboard", str(version), name, *map(str, parts)])


def cache_clear() -> None:
    """Forget every cached figure (after bulk changes such as load data)."""
    try:
        cache.incr(_VERSION_KEY)
    except ValueError:
        cache.set(_VERSION_KEY, 1, timeout=None)


def cached(name: str, parts: tuple, compute, *, refresh: bool = False):
    key = cache_key(name, *parts)
    if not refresh:
        value = cache.get(key)
        if value is not None:
            return value
    value = compute()
    cache.set(key, value, CACHE_SECONDS)
    return value

"""What other apps add to the service-norm dashboard and its e-mails, without contacts
importing them (contacts imports none of our apps; see DESIGN.md).

- Clock references: a clock belongs to a contact moment, a task or a case. E-mails and lists
  name it by a reference and link to it in the admin. A resolver per clock kind maps clock ids
  to ``ClockRef`` in one query; ``cases`` registers the one for cases.
- Satisfaction scores: ``cases`` asks residents for a score when a case closes and registers a
  source that returns them per team and channel.
- Load data: ``manage.py generate_load_data`` creates contacts and tasks itself and lets other
  apps add their rows (cases) through a registered generator.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from contacts.constants import ClockKind


@dataclass(frozen=True)
class ClockRef:
    """How staff recognise a clock: a reference (never personal data) and an admin link."""

    reference: str
    url: str = ""


@dataclass(frozen=True)
class Score:
    team_id: int | None
    channel: str
    average: float
    count: int


ClockResolver = Callable[[list[int]], dict[int, ClockRef]]
ScoreSource = Callable[..., Iterable[Score]]
LoadGenerator = Callable[..., dict[str, int]]

_resolvers: dict[str, ClockResolver] = {}
_score_sources: list[ScoreSource] = []
_load_generators: list[LoadGenerator] = []


def register_clock_resolver(kind: str, resolver: ClockResolver) -> ClockResolver:
    """The resolver for clocks of ``kind``; a later registration replaces an earlier one."""
    _resolvers[kind] = resolver
    return resolver


def register_score_source(source: ScoreSource) -> ScoreSource:
    if source not in _score_sources:
        _score_sources.append(source)
    return source


def register_load_generator(generator: LoadGenerator) -> LoadGenerator:
    if generator not in _load_generators:
        _load_generators.append(generator)
    return generator


def load_generators() -> list[LoadGenerator]:
    return list(_load_generators)


def clock_refs(clocks: Iterable) -> dict[int, ClockRef]:
    """``ClockRef`` per clock id: one query per kind, whatever the number of clocks."""
    ids_by_kind: dict[str, list[int]] = defaultdict(list)
    for clock in clocks:
        ids_by_kind[clock.kind].append(clock.pk)
    refs: dict[int, ClockRef] = {}
    for kind, ids in ids_by_kind.items():
        resolver = _resolvers.get(kind)
        found = resolver(ids) if resolver else {}
        label = ClockKind(kind).label
        for pk in ids:
            refs[pk] = found.get(pk) or ClockRef(f"{label} (klok {pk})")
    return refs


def satisfaction_scores(*, since: dt.datetime) -> list[Score]:
    """Average score and count per team and channel from every registered source."""
    return [score for source in _score_sources for score in source(since=since)]


def admin_url(names: Iterable[str], pk: int) -> str:
    """The first of these URL names that resolves for ``pk``, or "" (the view may not exist:
    another feature owns it)."""
    for name in names:
        try:
            return reverse(name, args=(pk,))
        except NoReverseMatch:
            continue
    return ""


# --- contacts' own clocks ------------------------------------------------------------------

# Contact moments have no page of their own (yet): their e-mail lines link to nothing and the
# e-mail ends with the dashboard link.
CONTACT_URL_NAMES: tuple[str, ...] = ()
TASK_URL_NAMES = ("contacts_admin:task",)


def _contact_refs(clock_ids: list[int]) -> dict[int, ClockRef]:
    from contacts.models import ContactMoment

    rows = ContactMoment.objects.filter(clock_id__in=clock_ids).values_list("clock_id", "pk")
    return {
        clock_id: ClockRef(f"Contactmoment {pk}", admin_url(CONTACT_URL_NAMES, pk))
        for clock_id, pk in rows
    }


def _task_refs(clock_ids: list[int]) -> dict[int, ClockRef]:
    from contacts.models import Task

    rows = Task.objects.filter(clock_id__in=clock_ids).values_list("clock_id", "pk")
    return {
        clock_id: ClockRef(f"Taak {pk}", admin_url(TASK_URL_NAMES, pk)) for clock_id, pk in rows
    }


register_clock_resolver(ClockKind.CONTACT, _contact_refs)
register_clock_resolver(ClockKind.TASK, _task_refs)

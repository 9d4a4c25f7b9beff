"""What cases add to the service-norm dashboard in contacts (registered in CasesConfig.ready):
the reference and admin link of a case's clock, satisfaction scores per team and channel, and
cases in the load data (``manage.py generate_load_data``)."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Avg, Count
from django.utils import timezone

from cases.constants import INITIAL_STATUS_NAME, EventKind, RequestNoun
from cases.models import Case, CaseEvent, CaseType, SatisfactionResponse, StatusType
from cases.references import ALPHABET as REFERENCE_ALPHABET
from contacts.backoffice.dashboard_registry import (
    ClockRef,
    Score,
    admin_url,
    register_clock_resolver,
    register_load_generator,
    register_score_source,
)
from contacts.constants import Channel, ClockKind

# The case list is being rebuilt; whichever of these exists is the case's page.
CASE_URL_NAMES = ("cases_case:edit", "cases_case:detail")


def case_refs(clock_ids: list[int]) -> dict[int, ClockRef]:
    rows = Case.objects.filter(clock_id__in=clock_ids).values_list("clock_id", "pk", "reference")
    return {
        clock_id: ClockRef(reference, admin_url(CASE_URL_NAMES, pk))
        for clock_id, pk, reference in rows
    }


def satisfaction(*, since):
    rows = (
        SatisfactionResponse.objects.filter(answered_at__gte=since)
        .values("case__team_id", "case__clock__channel")
        .annotate(average=Avg("score"), count=Count("pk"))
        .order_by()
    )
    return [
        Score(row["case__team_id"], row["case__clock__channel"] or "", row["average"], row["count"])
        for row in rows
    ]


# --- load data -------------------------------------------------------------------------------

CASE_CHANNELS = {
    Channel.WEB: 70,
    Channel.EMAIL: 10,
    Channel.PHONE: 10,
    Channel.POST: 5,
    Channel.COUNTER: 5,
}
SCORES = [1, 2, 3, 4, 5]
SCORE_WEIGHTS = [5, 8, 17, 40, 30]
_REFERENCE_LENGTH = 6


@dataclass(frozen=True)
class _TypeStatuses:
    initial: StatusType
    working: StatusType
    waiting: StatusType
    final: StatusType


def _case_types(teams) -> list[CaseType]:
    types = list(CaseType.objects.prefetch_related("statuses"))
    if not types:
        for team in teams:
            case_type, _ = CaseType.objects.get_or_create(
                slug=f"vraag-{team.slug}", defaults={"name": f"Vraag aan {team.name}", "team": team}
            )
            for order, (name, final) in enumerate(
                [(INITIAL_STATUS_NAME, False), ("In behandeling", False), ("Afgehandeld", True)],
                start=1,
            ):
                StatusType.objects.get_or_create(
                    case_type=case_type, name=name, defaults={"order": order, "is_final": final}
                )
        types = list(CaseType.objects.prefetch_related("statuses"))
    return [t for t in types if any(s.is_final for s in t.statuses.all())]


def _statuses(case_type: CaseType) -> _TypeStatuses:
    statuses = sorted(case_type.statuses.all(), key=lambda s: s.order)
    final = next(s for s in statuses if s.is_final)
    initial = next((s for s in statuses if s.name == INITIAL_STATUS_NAME), statuses[0])
    working = next((s for s in statuses if s not in (initial, final) and not s.is_final), initial)
    waiting = next((s for s in statuses if s.pauses_clock), working)
    return _TypeStatuses(initial, working, waiting, final)


def _reference(rng, year: int, taken: set[str]) -> str:
    while True:
        body = "".join(rng.choice(REFERENCE_ALPHABET) for _ in range(_REFERENCE_LENGTH))
        reference = f"HH-{year}-{body}"
        if reference not in taken:
            taken.add(reference)
            return reference


def _case(load, case_type, statuses: _TypeStatuses, taken: set[str]) -> tuple[dict, dict]:
    rng = load.rng
    channel = rng.choices(list(CASE_CHANNELS), list(CASE_CHANNELS.values()))[0]
    start = load.moment(channel)
    clock = load.clock(
        ClockKind.CASE,
        case_type.norm,
        team_id=case_type.team_id,
        channel=channel,
        start=start,
        may_pause=True,
    )
    closed_at = clock["stopped_at"]
    if closed_at is not None:
        status = statuses.final
    elif clock["paused_at"] is not None:
        status = statuses.waiting
    else:
        status = statuses.working if rng.random() < 0.6 else statuses.initial
    resident_id = load.resident_id()
    case = {
        "reference": _reference(rng, timezone.localtime(start).year, taken),
        "case_type_id": case_type.pk,
        "team_id": case_type.team_id,
        "resident_id": resident_id,
        "email": "" if resident_id else f"melder{rng.randrange(10**6)}@example.invalid",
        "handler_id": None,
        "status_id": status.pk,
        "title": case_type.name,
        "opened_at": start,
        "due_on": timezone.localtime(clock["due_at"]).date(),
        "closed_at": closed_at,
        "result": "Afgehandeld" if closed_at else "",
    }
    return case, clock


def _timeline(case_id: int, case: dict, statuses: _TypeStatuses) -> list[dict]:
    event = {"case_id": case_id, "visible_to_resident": True, "created_by_id": None}
    events = [
        {
            **event,
            "kind": EventKind.CREATED,
            "status_id": statuses.initial.pk,
            "text": "",
            "created_at": case["opened_at"],
        }
    ]
    if case["closed_at"]:
        events.append(
            {
                **event,
                "kind": EventKind.CLOSED,
                "status_id": statuses.final.pk,
                "text": case["result"],
                "created_at": case["closed_at"],
            }
        )
    return events


def _score(rng, case_id: int, case: dict, now) -> dict:
    return {
        "case_id": case_id,
        "score": rng.choices(SCORES, SCORE_WEIGHTS)[0],
        "comment": "",
        "answered_at": min(case["closed_at"] + dt.timedelta(days=1), now),
    }


def generate_cases(*, load, cases: int = 0, **options) -> dict[str, int]:
    """``cases`` cases over the load's period, each with its clock, a timeline and, for one in
    five closed cases, the resident's satisfaction score."""
    if not cases:
        return {}
    rng, writer = load.rng, load.writer
    types = _case_types(load.teams)
    statuses = {case_type.pk: _statuses(case_type) for case_type in types}
    weights = [4 if t.noun == RequestNoun.MELDING else 1 for t in types]
    taken = set(Case.objects.values_list("reference", flat=True))
    made = {"cases": 0, "satisfaction": 0}
    for first in range(0, cases, load.batch_size):
        size = min(load.batch_size, cases - first)
        pairs = [
            _case(load, case_type, statuses[case_type.pk], taken)
            for case_type in rng.choices(types, weights, k=size)
        ]
        with transaction.atomic():
            clock_ids = load.insert_clocks([clock for _case, clock in pairs])
            rows = [case for case, _clock in pairs]
            for case, clock_id in zip(rows, clock_ids, strict=True):
                case["clock_id"] = clock_id
            case_ids = writer.insert(Case, rows)
            writer.insert(
                CaseEvent,
                [
                    event
                    for pk, case in zip(case_ids, rows, strict=True)
                    for event in _timeline(pk, case, statuses[case["case_type_id"]])
                ],
            )
            scores = [
                _score(rng, pk, case, load.now)
                for pk, case in zip(case_ids, rows, strict=True)
                if case["closed_at"] and rng.random() < 0.2
            ]
            writer.insert(SatisfactionResponse, scores)
        made["cases"] += size
        made["satisfaction"] += len(scores)
        if (first // load.batch_size) % 4 == 3:
            load.log(f"  {first + size} aanvragen")
    return made


def register() -> None:
    register_clock_resolver(ClockKind.CASE, case_refs)
    register_score_source(satisfaction)
    register_load_generator(generate_cases)

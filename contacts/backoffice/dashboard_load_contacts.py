"""Load data: teams, residents, and a year of contact moments with their callback and
forward tasks, each on its norm clock as ``contacts.services`` would start and stop it."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction

from contacts.backoffice.dashboard_load import Load
from contacts.constants import (
    Channel,
    ClockKind,
    Direction,
    NormUnit,
    Outcome,
    ResidentKind,
    TaskKind,
    TaskStatus,
)
from contacts.models import ContactMoment, Resident, ServiceNorm, Task, Team
from contacts.norms import Norm
from contacts.services import service_norms_ensure_defaults

DEFAULT_TEAMS = [
    ("informatie", "Informatie"),
    ("openbare-ruimte", "Openbare ruimte"),
    ("burgerzaken", "Burgerzaken"),
    ("belastingen", "Belastingen"),
    ("wmo", "Wmo"),
    ("vergunningen", "Vergunningen"),
]
TOPICS = {
    "informatie": ["Openingstijden gemeentehuis", "Vraag over een brief", "Afspraak maken"],
    "openbare-ruimte": [
        "Afval niet opgehaald",
        "Losse stoeptegel",
        "Lantaarnpaal kapot",
        "Overhangend groen",
        "Zwerfafval",
        "Kapot speeltoestel",
    ],
    "burgerzaken": ["Paspoort aanvragen", "Verhuizing doorgeven", "Uittreksel BRP"],
    "belastingen": ["Aanslag gemeentelijke belastingen", "Kwijtschelding", "WOZ-waarde"],
    "wmo": ["Huishoudelijke hulp", "Scootmobiel", "Woningaanpassing"],
    "vergunningen": ["Omgevingsvergunning", "Evenementenvergunning", "Parkeervergunning"],
    "werk-en-inkomen": ["Bijstandsuitkering", "Energietoeslag"],
}
GENERIC_TOPICS = ["Algemene vraag", "Klacht over de dienstverlening"]
CONTACT_CHANNELS = {
    Channel.PHONE: 40,
    Channel.EMAIL: 20,
    Channel.WEB: 12,
    Channel.COUNTER: 12,
    Channel.SOCIAL: 6,
    Channel.CHAT: 4,
    Channel.POST: 4,
}
# An unusual number of calls in the last 24 hours, for unit Nieuws's panel.
BURST_TOPIC = "Gladheid op fietspaden"
BURST_SIZE = 40
FIRST_NAMES = ["Anna", "Bram", "Cor", "Dirk", "Els", "Fenna", "Gert", "Hilde", "Jan", "Klaas"]
LAST_NAMES = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Mulder", "Bos", "Dijkstra"]


def ensure_teams() -> list[Team]:
    teams = list(Team.objects.all())
    if teams:
        return teams
    for slug, name in DEFAULT_TEAMS:
        group, _ = Group.objects.get_or_create(name=name)
        Team.objects.get_or_create(slug=slug, defaults={"name": name, "group": group})
    return list(Team.objects.all())


def create_residents(load: Load, count: int) -> None:
    start = Resident.objects.count()
    rng = load.rng
    for first in range(0, count, load.batch_size):
        rows = [
            {
                "kind": ResidentKind.PERSON,
                "name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                "email": f"inwoner{start + first + i}@example.invalid",
                "bsn_hash": None,
                "user_id": None,
            }
            for i in range(min(load.batch_size, count - first))
        ]
        with transaction.atomic():
            load.resident_ids += load.writer.insert(Resident, rows)


def _service_norms() -> dict[str, Norm]:
    service_norms_ensure_defaults()
    return {norm.channel: norm.norm for norm in ServiceNorm.objects.all()}


def _task_norm(service_norms, kind) -> Norm:
    """As ``contacts.services``: callbacks on the phone norm, other tasks on the e-mail norm."""
    channel = Channel.PHONE if kind == TaskKind.CALLBACK else Channel.EMAIL
    return service_norms.get(channel, Norm(5, NormUnit.WORKING_DAYS))


def _outcome(rng, channel) -> str:
    roll = rng.random()
    if roll < 0.62:
        return Outcome.ANSWERED
    if roll < 0.74:
        return Outcome.CALLBACK if channel == Channel.PHONE else Outcome.OPEN
    if roll < 0.86:
        return Outcome.FORWARDED
    if roll < 0.90:
        return Outcome.CASE_CREATED
    return Outcome.OPEN


class _Batch:
    def __init__(self):
        self.contacts: list[dict] = []
        self.clocks: dict[int, dict] = {}  # contact index -> its clock
        self.tasks: list[tuple[int, dict, dict]] = []  # (contact index, task, its clock)


def _contact(load: Load, batch: _Batch, service_norms, *, burst: bool) -> None:
    rng = load.rng
    index = len(batch.contacts)
    channel = rng.choices(list(CONTACT_CHANNELS), list(CONTACT_CHANNELS.values()))[0]
    team = load.team()
    topic = rng.choice(TOPICS.get(team.slug, GENERIC_TOPICS))
    if burst:
        team = next((t for t in load.teams if t.slug == "openbare-ruimte"), team)
        topic, channel = BURST_TOPIC, Channel.PHONE
    start = load.moment(channel, days=1 if burst else None)
    inbound = rng.random() < 0.95
    outcome = _outcome(rng, channel) if inbound else Outcome.ANSWERED
    contact = {
        "resident_id": load.resident_id(),
        "channel": channel,
        "direction": Direction.INBOUND if inbound else Direction.OUTBOUND,
        "team_id": team.pk,
        "topic": topic,
        "summary": "Vraag gesteld en besproken.",
        "outcome": outcome,
        "registered_by_id": None,
        "registered_at": start,
        "answer_due_at": None,
        "answered_at": start if outcome in (Outcome.ANSWERED, Outcome.CASE_CREATED) else None,
        "clock_id": None,
    }
    norm = service_norms.get(channel) if inbound else None
    if norm is not None:
        clock = load.clock(
            ClockKind.CONTACT,
            norm,
            team_id=team.pk,
            channel=channel,
            start=start,
            stop_at_once=outcome in (Outcome.ANSWERED, Outcome.CASE_CREATED),
        )
        contact["answer_due_at"] = clock["due_at"]
        contact["answered_at"] = clock["stopped_at"]
        batch.clocks[index] = clock
    if outcome in (Outcome.CALLBACK, Outcome.FORWARDED):
        kind = TaskKind.CALLBACK if outcome == Outcome.CALLBACK else TaskKind.FORWARD
        task_team = team if kind == TaskKind.CALLBACK else load.team()
        # A forwarded contact keeps its own norm (contacts.services); a callback the phone's.
        task_norm = norm if kind == TaskKind.FORWARD and norm else None
        task_clock = load.clock(
            ClockKind.TASK,
            task_norm or _task_norm(service_norms, kind),
            team_id=task_team.pk,
            channel=channel,
            start=start,
        )
        done = task_clock["stopped_at"] is not None
        task = {
            "kind": kind,
            "team_id": task_team.pk,
            "assignee_id": None,
            "description": f"{TaskKind(kind).label}: {topic}",
            "due_at": task_clock["due_at"],
            "status": TaskStatus.DONE if done else TaskStatus.OPEN,
            "created_at": start,
            "completed_at": task_clock["stopped_at"],
            "outcome": "Afgehandeld." if done else "",
        }
        batch.tasks.append((index, task, task_clock))
        if index in batch.clocks:
            # The contact is answered when its task is done (contacts.services).
            batch.clocks[index]["stopped_at"] = task_clock["stopped_at"]
            batch.clocks[index]["breached_at"] = task_clock["breached_at"]
            contact["answered_at"] = task_clock["stopped_at"]
    batch.contacts.append(contact)


def _write(load: Load, batch: _Batch) -> None:
    writer = load.writer
    with transaction.atomic():
        clock_ids = load.insert_clocks(list(batch.clocks.values()))
        for index, pk in zip(batch.clocks, clock_ids, strict=True):
            batch.contacts[index]["clock_id"] = pk
        contact_ids = writer.insert(ContactMoment, batch.contacts)
        task_clock_ids = load.insert_clocks([clock for _i, _t, clock in batch.tasks])
        for (index, task, _clock), clock_id in zip(batch.tasks, task_clock_ids, strict=True):
            task["contact_moment_id"] = contact_ids[index]
            task["clock_id"] = clock_id
        writer.insert(Task, [task for _i, task, _c in batch.tasks])


def create_contacts(load: Load, count: int) -> dict[str, int]:
    service_norms = _service_norms()
    bursting = BURST_SIZE if count >= 1000 else 0
    made = {"contacts": 0, "tasks": 0, "clocks": 0}
    for first in range(0, count, load.batch_size):
        batch = _Batch()
        for index in range(min(load.batch_size, count - first)):
            _contact(load, batch, service_norms, burst=first + index < bursting)
        _write(load, batch)
        made["contacts"] += len(batch.contacts)
        made["tasks"] += len(batch.tasks)
        made["clocks"] += len(batch.clocks) + len(batch.tasks)
        if (first // load.batch_size) % 20 == 19:
            load.log(f"  {first + len(batch.contacts)} contactmomenten")
    return made

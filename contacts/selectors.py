import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet, Value
from django.db.models.functions import Replace
from django.utils import timezone

from contacts.brp import Person, get_brp_adapter
from contacts.constants import SESSION_PORTAL_AUTH, SESSION_PORTAL_AUTH_OIDC, QueryKind
from contacts.crypto import bsn_hash, normalize_bsn
from contacts.models import BranchLogin, ContactMoment, Resident, Task, Team
from contacts.names import search_text
from contacts.resident_query import ResidentQuery

RESIDENT_SEARCH_LIMIT = 20
RECENT_CONTACTS = 5


def resident_for_user(user) -> Resident | None:
    """The resident behind a logged-in portal user, or None (anonymous visitors, staff)."""
    if not user.is_authenticated:
        return None
    try:
        return user.resident
    except Resident.DoesNotExist:
        pass
    # A business login restricted to one branch: the business's party, scoped to the branch.
    try:
        branch_login = user.branch_login
    except BranchLogin.DoesNotExist:
        return None
    resident = branch_login.resident
    resident.branch_scope = branch_login.branch_number
    resident.branch_label = branch_login.name
    return resident


def resident_for_request(request) -> Resident | None:
    """The resident or business logged in through the identity provider, or None.

    A session the provider did not open (a password login, staff, ``force_login``) is nobody's
    resident login, even for a resident's own user: see ``SESSION_PORTAL_AUTH``.
    """
    session = getattr(request, "session", None)
    if session is None or session.get(SESSION_PORTAL_AUTH) != SESSION_PORTAL_AUTH_OIDC:
        return None
    return resident_for_user(request.user)


# --- finding a resident on the registration screen ---------------------------------------


def _phone_digits():
    """The stored phone number with its spaces, dashes and brackets taken out, in SQL."""
    expression = F("phone")
    for character in (" ", "-", "(", ")", ".", "/"):
        expression = Replace(expression, Value(character), Value(""))
    return expression


def resident_search(query: ResidentQuery, *, limit: int = RESIDENT_SEARCH_LIMIT) -> list[Resident]:
    """Known residents matching a parsed query (``contacts.resident_query``) of the kind
    BSN, e-mail address, phone number or name; other kinds ask the BRP (``resident_find``).

    The BSN is matched only through its keyed hash; it is never stored or compared in plain.
    Phone numbers match on their last nine digits, so 06-12345678 finds +31 6 1234 5678.
    Names match without regard to case or accents, on word starts: "de vr" finds "Anna de
    Vriës", from the normalised ``search_name`` column (a trigram index on PostgreSQL).
    """
    residents = Resident.objects.order_by("name", "pk")
    if query.kind == QueryKind.BSN:
        return list(residents.filter(bsn_hash=bsn_hash(query.text)))
    if query.kind == QueryKind.EMAIL:
        return list(residents.filter(email__iexact=query.text)[:limit])
    if query.kind == QueryKind.PHONE:
        digits = re.sub(r"\D", "", query.text)
        matches = residents.annotate(phone_digits=_phone_digits()).filter(
            phone_digits__endswith=digits[-9:]
        )
        return list(matches[:limit])
    if query.kind == QueryKind.NAME and search_text(query.text):
        return list(residents.filter(name_words_q(query.text))[:limit])
    return []


def name_words_q(query: str) -> Q:
    """Each word of the query starts a word of the name."""
    words = Q()
    for word in search_text(query).split():
        words &= Q(search_name__startswith=word) | Q(search_name__contains=f" {word}")
    return words


@dataclass(frozen=True)
class ResidentHit:
    """One line in the search results: a known resident, a person from the BRP, or both.

    A BRP person who is not yet a resident is chosen by a signed token (the view makes it);
    the BSN itself stays in ``person`` and never reaches the page."""

    resident: Resident | None = None
    person: Person | None = None

    @property
    def name(self) -> str:
        return (self.resident.name if self.resident else "") or (
            self.person.name if self.person else ""
        )


def residents_for_persons(persons: list[Person]) -> list[ResidentHit]:
    """BRP search results, each matched to the resident with the same keyed BSN hash, in
    one query."""
    hashes = [bsn_hash(person.bsn) for person in persons]
    known = Resident.objects.filter(bsn_hash__in=hashes).in_bulk(field_name="bsn_hash")
    return [
        ResidentHit(resident=known.get(digest), person=person)
        for digest, person in zip(hashes, persons, strict=True)
    ]


def resident_find(query: ResidentQuery, *, limit: int = RESIDENT_SEARCH_LIMIT) -> list[ResidentHit]:
    """The search of the registration screen, for a parsed ``ResidentQuery``.

    Name with date of birth and postcode with house number ask the BRP (raises
    BRPUnavailable); a BSN that no resident has yet is looked up there too. Everything else
    searches the residents we know."""
    if query.kind == QueryKind.NAME_AND_BIRTH_DATE:
        persons = get_brp_adapter().search_by_name(name=query.text, birth_date=query.birth_date)
        return residents_for_persons(persons[:limit])
    if query.kind == QueryKind.ADDRESS:
        persons = get_brp_adapter().search_by_address(
            postcode=query.postcode, house_number=query.house_number, addition=query.addition
        )
        return residents_for_persons(persons[:limit])
    hits = [ResidentHit(resident=resident) for resident in resident_search(query, limit=limit)]
    if query.kind == QueryKind.BSN and not hits:
        person = get_brp_adapter().person(normalize_bsn(query.text))
        return [ResidentHit(person=person)] if person else []
    return hits


def resident_recent_contacts(resident: Resident, *, user, limit: int = RECENT_CONTACTS):
    """The resident's latest contacts this staff member may read (their teams' own)."""
    return (
        ContactMoment.objects.readable_by_staff(user)
        .filter(resident=resident)
        .select_related("team")[:limit]
    )


# --- work queues -------------------------------------------------------------------------


class TaskFilter:
    """The views of a queue, by their URL value."""

    OPEN = "open"
    NEW = "nieuw"
    DUE_TODAY = "vandaag"
    OVERDUE = "te-laat"
    MINE = "opgepakt"

    LABELS = {
        OPEN: "Alle open taken",
        NEW: "Nieuw",
        DUE_TODAY: "Vandaag uiterlijk",
        OVERDUE: "Te laat",
        MINE: "Door mij opgepakt",
    }


def _start_of_tomorrow(now: dt.datetime) -> dt.datetime:
    tomorrow = timezone.localtime(now).date() + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(tomorrow, dt.time.min))


def _filter_q(key: str, *, user, now: dt.datetime) -> Q:
    return {
        TaskFilter.OPEN: Q(),
        TaskFilter.NEW: Q(assignee__isnull=True),
        TaskFilter.DUE_TODAY: Q(due_at__gte=now, due_at__lt=_start_of_tomorrow(now)),
        TaskFilter.OVERDUE: Q(due_at__lt=now),
        TaskFilter.MINE: Q(assignee=user),
    }[key]


def tasks_for_work(user, *, team: Team | None = None) -> QuerySet:
    """Open tasks in a queue. Without a team: "Mijn werk", the tasks the user has claimed and
    the unclaimed ones of their teams. With a team: everything open in that team."""
    tasks = Task.objects.visible_to_staff(user).open()
    if team is not None:
        return tasks.filter(team=team)
    return tasks.filter(Q(assignee=user) | Q(assignee__isnull=True))


def tasks_filtered(tasks: QuerySet, key: str, *, user, now=None) -> QuerySet:
    return tasks.filter(_filter_q(key, user=user, now=now or timezone.now()))


def task_counts(tasks: QuerySet, *, user, now=None) -> dict[str, int]:
    """How many tasks each view of the queue holds, in one query."""
    now = now or timezone.now()
    return tasks.aggregate(
        **{key: Count("pk", filter=_filter_q(key, user=user, now=now)) for key in TaskFilter.LABELS}
    )


def work_count(user) -> int:
    """The number in the menu label "Mijn werk (3)": one cheap count."""
    return tasks_for_work(user).count()


def teams_of(user) -> QuerySet:
    return Team.objects.of_user(user).order_by("name")

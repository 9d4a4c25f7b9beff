import datetime as dt
import re

from django.db.models import Count, F, Q, QuerySet, Value
from django.db.models.functions import Replace
from django.utils import timezone

from contacts.crypto import bsn_hash
from contacts.models import ContactMoment, Resident, Task, Team

RESIDENT_SEARCH_LIMIT = 20
RECENT_CONTACTS = 5
_PHONE_CHARACTERS = re.compile(r"^[\d\s()+\-./]+$")
_BSN_SEPARATORS = re.compile(r"[\s.\-]")


def resident_for_user(user) -> Resident | None:
    """The resident behind a logged-in portal user, or None (anonymous visitors, staff)."""
    if not user.is_authenticated:
        return None
    try:
        return user.resident
    except Resident.DoesNotExist:
        return None


# --- finding a resident on the registration screen ---------------------------------------


def looks_like_bsn(query: str) -> bool:
    """Nine digits, perhaps written in groups: a BSN, never a name or a phone number."""
    compact = _BSN_SEPARATORS.sub("", query.strip())
    return len(compact) == 9 and compact.isdigit()


def _phone_digits():
    """The stored phone number with its spaces, dashes and brackets taken out, in SQL."""
    expression = F("phone")
    for character in (" ", "-", "(", ")", ".", "/"):
        expression = Replace(expression, Value(character), Value(""))
    return expression


def resident_search(query: str, *, limit: int = RESIDENT_SEARCH_LIMIT) -> list[Resident]:
    """Residents matching what the employee typed: a BSN (validated by the caller), an e-mail
    address, a phone number or (parts of) a name.

    The BSN is matched only through its keyed hash; it is never stored or compared in plain.
    Phone numbers match on their last nine digits, so 06-12345678 finds +31 6 1234 5678.
    """
    query = " ".join(query.split())
    if not query:
        return []
    residents = Resident.objects.order_by("name", "pk")
    if looks_like_bsn(query):
        return list(residents.filter(bsn_hash=bsn_hash(query)))
    if "@" in query:
        return list(residents.filter(email__iexact=query)[:limit])
    digits = re.sub(r"\D", "", query)
    if _PHONE_CHARACTERS.match(query) and len(digits) >= 6:
        matches = residents.annotate(phone_digits=_phone_digits()).filter(
            phone_digits__endswith=digits[-9:]
        )
        return list(matches[:limit])
    words = Q()
    for word in query.split():
        words &= Q(name__icontains=word)
    return list(residents.filter(words)[:limit])


def resident_recent_contacts(resident: Resident, *, limit: int = RECENT_CONTACTS):
    return ContactMoment.objects.filter(resident=resident).select_related("team")[:limit]


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

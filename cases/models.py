import uuid
from functools import lru_cache

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Exists, ExpressionWrapper, F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from cases.constants import (
    INITIAL_STATUS_NAME,
    READS_ALL_CASES_TEAM,
    RESIDENT_EVENT_TITLES,
    EventKind,
    MessageDirection,
    Queue,
    RequestNoun,
)
from contacts.branches import branch_scope_q
from contacts.constants import NormUnit, Village
from contacts.models import ContactMoment, NormClock, Resident, Task, Team
from contacts.norms import Norm
from contacts.staff import is_active_staff


@lru_cache(maxsize=64)
def _noun_label(noun: str, language: str | None) -> str:
    # Translations do not change while the process runs: the catalog is asked once per word
    # and language.
    try:
        return str(RequestNoun(noun).label)
    except ValueError:
        return noun


class CaseType(ClusterableModel):
    """A kind of request, such as a report about public space or a parking permit.

    Functional administrators edit a case type with its statuses in one form (an inline), so
    the statuses hang on a ParentalKey.
    """

    name = models.CharField(_("naam"), max_length=200, unique=True)
    slug = models.SlugField(unique=True)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="case_types")
    lead_time = models.PositiveSmallIntegerField(
        _("doorlooptijd"),
        default=5,
        help_text=_("Binnen hoeveel werkdagen, kantooruren of weken de inwoner antwoord krijgt."),
    )
    lead_time_unit = models.CharField(
        _("eenheid"), max_length=20, choices=NormUnit.choices, default=NormUnit.WORKING_DAYS
    )
    noun = models.CharField(
        _("soort verzoek"),
        max_length=20,
        choices=RequestNoun.choices,
        default=RequestNoun.AANVRAAG,
        help_text=_("Het woord dat de inwoner leest: aanvraag, melding, vraag of klacht."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("zaaktype")
        verbose_name_plural = _("zaaktypen")

    def __str__(self):
        return self.name

    @property
    def norm(self) -> Norm:
        return Norm(self.lead_time, self.lead_time_unit)

    @property
    def noun_label(self) -> str:
        """The word for a request of this type ("aanvraag", "melding"...), as every text uses
        it: ``get_noun_display()`` without the hashing of every choice Django does on each
        call (form pages show it on every first step and confirmation)."""
        return _noun_label(self.noun, get_language())


class StatusType(models.Model):
    case_type = ParentalKey(CaseType, on_delete=models.CASCADE, related_name="statuses")
    name = models.CharField(_("naam"), max_length=100)
    order = models.PositiveSmallIntegerField(_("volgorde"))
    is_final = models.BooleanField(_("afgerond"), default=False)
    resident_text = models.CharField(
        _("uitleg voor de inwoner"),
        max_length=300,
        blank=True,
        help_text=_("Wat deze status voor de inwoner betekent, in gewone taal."),
    )
    # "Wacht op inwoner": the norm clock stops while the municipality waits.
    pauses_clock = models.BooleanField(_("klok staat stil (wacht op inwoner)"), default=False)

    class Meta:
        ordering = ["case_type", "order"]
        constraints = [
            models.UniqueConstraint(fields=["case_type", "order"], name="unique_status_order"),
            models.UniqueConstraint(fields=["case_type", "name"], name="unique_status_name"),
        ]
        verbose_name = _("status")
        verbose_name_plural = _("statussen")

    def __str__(self):
        return self.name


class CaseQuerySet(models.QuerySet):
    def visible_to_resident(self, resident):
        """The resident's (or business's) own cases; a login for one branch of a business
        sees the cases made under that branch only (``Resident.branch_scope``)."""
        if resident is None:
            return self.none()
        return self.filter(branch_scope_q(resident), resident=resident)

    def visible_to_staff(self, user):
        """The cases this user may act on: those of their own teams."""
        if not is_active_staff(user):
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(team__group__in=user.groups.all())

    def readable_by_staff(self, user):
        """The cases whose status and timeline this user may read: their teams' cases, cases
        with a sub-task for one of their teams, and every case for unit Informatie, which
        tells callers where their question stands."""
        if not is_active_staff(user):
            return self.none()
        if user.is_superuser:
            return self.all()
        groups = user.groups.all()
        with_subtask = self.model.tasks.through.objects.filter(task__team__group__in=groups).values(
            "case_id"
        )
        reads_all = Team.objects.filter(slug=READS_ALL_CASES_TEAM, group__in=groups)
        return self.filter(
            Q(team__group__in=groups) | Q(pk__in=with_subtask) | Q(Exists(reads_all))
        )

    # Work queues. "Waiting" cases have a paused clock; the others count towards their date.

    def open(self):
        return self.filter(closed_at__isnull=True)

    @staticmethod
    def queue_filter(queue: str, *, user, today) -> Q:
        # Waiting: a paused clock. Asked as "clock in the (few) paused clocks", served by the
        # index ``clock_paused``, not by a join to every open case's clock.
        paused = Q(clock_id__in=NormClock.objects.filter(paused_at__isnull=False).values("pk"))
        running = ~paused
        filters = {
            Queue.MINE: Q(handler=user) if user.is_authenticated else Q(pk__in=[]),
            Queue.NEW: Q(status__name=INITIAL_STATUS_NAME),
            Queue.DUE_TODAY: running & Q(due_on=today),
            Queue.OVERDUE: running & Q(due_on__lt=today),
            Queue.WAITING: paused,
        }
        return Q(closed_at__isnull=True) & filters[Queue(queue)]

    def in_queue(self, queue: str, *, user, today):
        return self.filter(self.queue_filter(queue, user=user, today=today))

    def queue_counts(self, *, user, today) -> dict[int, dict[str, int]]:
        """Per team: how many open cases are in each queue, in one query."""
        team_queues = [q for q in Queue if q != Queue.MINE]
        rows = (
            self.open()
            .order_by()
            .values("team")
            .annotate(
                **{
                    queue.name.lower(): Count(
                        "pk", filter=self.queue_filter(queue, user=user, today=today)
                    )
                    for queue in team_queues
                }
            )
        )
        return {row.pop("team"): row for row in rows}


class Case(models.Model):
    reference = models.CharField(_("kenmerk"), max_length=20, unique=True, editable=False)
    case_type = models.ForeignKey(CaseType, on_delete=models.PROTECT, related_name="cases")
    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, null=True, blank=True, related_name="cases"
    )
    # The branch (vestiging) of a business whose login for that branch made this request.
    branch_number = models.CharField(_("vestigingsnummer"), max_length=12, blank=True)
    email = models.EmailField(_("e-mailadres voor antwoord"), blank=True)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="cases")
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="handled_cases",
        verbose_name=_("behandelaar"),
    )
    status = models.ForeignKey(StatusType, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("onderwerp"), max_length=200)
    # Where the case is (the "Kern" filter): the town of the form's address answer, else the
    # resident's address in the BRP; empty when neither is in Het Hogeland.
    village = models.CharField(_("kern"), max_length=30, choices=Village.choices, blank=True)
    opened_at = models.DateTimeField(_("ontvangen op"))
    due_on = models.DateField(_("antwoord uiterlijk"))
    closed_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    result = models.CharField(_("resultaat"), max_length=300, blank=True)
    contact_moments = models.ManyToManyField(ContactMoment, blank=True, related_name="cases")
    # Sub-tasks with other teams (a multidisciplinary question), visible to all involved.
    tasks = models.ManyToManyField(Task, blank=True, related_name="cases")
    clock = models.OneToOneField(
        NormClock, on_delete=models.SET_NULL, null=True, blank=True, related_name="case"
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at"]
        indexes = [
            models.Index(fields=["team", "closed_at", "due_on"]),
            models.Index(fields=["handler", "closed_at"]),
            # The case list's order, open cases first by due date (cases.admin_views.listing):
            # read in index order, a page of 50 stops after 50 rows instead of sorting them all.
            models.Index(
                ExpressionWrapper(Q(closed_at__isnull=False), output_field=models.BooleanField()),
                F("due_on"),
                F("id"),
                name="case_list_open_due",
            ),
            # The queue counts above the list read open cases only, from this index alone.
            models.Index(
                fields=["team", "status", "due_on", "clock"],
                condition=Q(closed_at__isnull=True),
                name="case_open_queues",
            ),
        ]
        verbose_name = _("aanvraag")
        verbose_name_plural = _("aanvragen")

    def __str__(self):
        return f"{self.reference} {self.title}"


class CaseEventQuerySet(models.QuerySet):
    def visible_to_resident(self, resident):
        """The resident's own timeline: their cases, events marked for them, never notes."""
        if resident is None:
            return self.none()
        return self.filter(
            branch_scope_q(resident, "case__branch_number"),
            case__resident=resident,
            visible_to_resident=True,
        ).exclude(kind=EventKind.NOTE)

    def readable_by_staff(self, user):
        """The whole timeline of the cases this user acts on; of cases they may only read,
        everything except the internal notes written outside their own teams."""
        if not is_active_staff(user):
            return self.none()
        acting = Case.objects.visible_to_staff(user).values("pk")
        reading = Case.objects.readable_by_staff(user).values("pk")
        team_groups = user.groups.filter(team__isnull=False)
        colleagues = get_user_model().objects.filter(groups__in=team_groups).values("pk")
        return self.filter(
            Q(case__in=acting)
            | (Q(case__in=reading) & (~Q(kind=EventKind.NOTE) | Q(created_by__in=colleagues)))
        )


class CaseEvent(models.Model):
    """One line on the case timeline. Private unless marked for the resident."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("soort"), max_length=20, choices=EventKind.choices)
    status = models.ForeignKey(
        StatusType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("tekst"), blank=True)
    visible_to_resident = models.BooleanField(_("zichtbaar voor inwoner"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("tijdstip"))

    objects = CaseEventQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("tijdlijn")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.case.reference})"

    @property
    def resident_title(self) -> str:
        """The line's title in the resident's words: the status, or what happened."""
        if self.status_id:
            return self.status.name
        return str(RESIDENT_EVENT_TITLES.get(self.kind) or self.get_kind_display())


class MessageQuerySet(models.QuerySet):
    def visible_to_resident(self, resident):
        """A login for one branch of a business sees the messages on that branch's cases."""
        if resident is None:
            return self.none()
        return self.filter(branch_scope_q(resident, "case__branch_number"), resident=resident)

    def visible_to_staff(self, user):
        if not is_active_staff(user):
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(
            models.Q(case__team__group__in=user.groups.all())
            | models.Q(case__isnull=True, team__group__in=user.groups.all())
        ).distinct()

    def unread_by_resident(self):
        return self.filter(direction=MessageDirection.TO_RESIDENT, read_at__isnull=True)


class Message(models.Model):
    """A message to or from the resident, on a case or not (like MijnOverheid's Berichtenbox).

    The e-mail notice that a message is waiting carries no personal data and no text.
    """

    # Empty for a request sent without logging in: followed by a signed link, on its case.
    resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, null=True, blank=True, related_name="messages"
    )
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, null=True, blank=True, related_name="messages"
    )
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="messages"
    )
    direction = models.CharField(_("richting"), max_length=20, choices=MessageDirection.choices)
    subject = models.CharField(_("onderwerp"), max_length=200)
    body = models.TextField(_("bericht"), max_length=5000)
    reply_to = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replies"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(_("verstuurd op"))
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "-pk"]
        indexes = [models.Index(fields=["resident", "direction", "read_at"])]
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")

    def __str__(self):
        return self.subject


def _attachment_name(instance, filename):
    return f"messages/{instance.uuid.hex[:2]}/{instance.uuid.hex}"


def _private_storage():
    from django.core.files.storage import storages

    return storages["private"]


class MessageAttachmentQuerySet(models.QuerySet):
    def visible_to_staff(self, user):
        """The files of the messages this user may read: their teams' cases and messages."""
        return self.filter(message__in=Message.objects.visible_to_staff(user))


class MessageAttachment(models.Model):
    """A file with a message, in private storage under a generated name."""

    uuid = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=_private_storage, upload_to=_attachment_name, max_length=200)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()

    objects = MessageAttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("bijlage bij bericht")
        verbose_name_plural = _("bijlagen bij berichten")

    def __str__(self):
        return self.original_name


class SatisfactionResponse(models.Model):
    """The resident's one short answer when a case closes: 1-5 and an optional comment."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="satisfaction")
    score = models.PositiveSmallIntegerField(
        _("waardering"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("toelichting"), blank=True, max_length=2000)
    answered_at = models.DateTimeField(_("ingevuld op"))

    class Meta:
        verbose_name = _("tevredenheid")
        verbose_name_plural = _("tevredenheid")

    def __str__(self):
        return f"{self.case} {self.score}"

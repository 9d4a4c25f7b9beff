import hashlib

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.db.models import Exists, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contacts.branches import branch_scope_q
from contacts.constants import (
    READS_EVERYTHING_TEAM,
    Channel,
    ClockKind,
    Direction,
    NormUnit,
    Outcome,
    ResidentKind,
    TaskKind,
    TaskStatus,
)
from contacts.names import search_text
from contacts.staff import is_active_staff


class TeamQuerySet(models.QuerySet):
    def of_user(self, user):
        if user.is_superuser:
            return self.all()
        return self.filter(group__in=user.groups.all())


class Team(models.Model):
    """A unit or field (Informatie, Openbare ruimte, ...). Membership is the linked group."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(unique=True)
    group = models.OneToOneField(Group, on_delete=models.PROTECT, related_name="team")
    email = models.EmailField(_("e-mailadres van het team"), blank=True)

    objects = TeamQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self):
        return self.name


class Resident(models.Model):
    """A party the municipality has contact with: a person, a business or an anonymous sender."""

    kind = models.CharField(_("soort"), max_length=20, choices=ResidentKind.choices)
    # HMAC of the BSN (see contacts.crypto); the BSN itself is never stored.
    bsn_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    kvk_number = models.CharField(_("KvK-nummer"), max_length=8, blank=True)
    name = models.CharField(_("naam"), max_length=200, blank=True)
    # The name as the search compares it (contacts.names.search_text), kept by save();
    # on PostgreSQL a trigram index serves the word-prefix search (migration 0011).
    search_name = models.CharField(max_length=200, blank=True, editable=False)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    preferred_channel = models.CharField(
        _("voorkeurskanaal"), max_length=20, choices=Channel.choices, default=Channel.EMAIL
    )
    # A new e-mail address is used only after the resident confirms it by a link.
    pending_email = models.EmailField(_("nieuw e-mailadres (nog niet bevestigd)"), blank=True)
    notify_status = models.BooleanField(_("e-mail bij een nieuwe status"), default=True)
    notify_messages = models.BooleanField(_("e-mail bij een nieuw bericht"), default=True)
    notify_reminders = models.BooleanField(_("herinneringen per e-mail"), default=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resident",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # Not stored: the branch (vestigingsnummer) a business login is restricted to, set by
    # ``contacts.selectors.resident_for_user`` for a branch's portal user; "" = the whole KvK.
    # The querysets' ``visible_to_resident`` read it, and what such a login makes records it.
    branch_scope = ""
    # Not stored: that branch's name for the header (``BranchLogin.name``), set alongside.
    branch_label = ""

    class Meta:
        verbose_name = _("inwoner")
        verbose_name_plural = _("inwoners")
        constraints = [
            # One party per KvK number: two first logins at once cannot make two.
            models.UniqueConstraint(
                fields=["kvk_number"],
                condition=Q(kind=ResidentKind.BUSINESS) & ~Q(kvk_number=""),
                name="one_business_per_kvk_number",
            )
        ]

    def __str__(self):
        return self.name or self.email or _("Inwoner %(pk)s") % {"pk": self.pk}

    def save(self, *args, **kwargs):
        self.search_name = search_text(self.name)[:200]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "search_name"}
        super().save(*args, **kwargs)


class BranchLogin(models.Model):
    """The portal user of one branch (vestiging) of a business.

    eHerkenning can restrict a login to a branch. Such a login gets its own user, tied to the
    business's one party and the branch number, so every page reads the restriction from the
    user (see ``resident_for_user``) and cannot forget it.
    """

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="branch_logins")
    branch_number = models.CharField(_("vestigingsnummer"), max_length=12)
    # The branch's place (else trade name) in the KvK register, refreshed at every login:
    # the portal header names the branch by it. "" when the register does not know it.
    name = models.CharField(_("naam"), max_length=200, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="branch_login"
    )

    class Meta:
        verbose_name = _("inlog voor een vestiging")
        verbose_name_plural = _("inlogs voor een vestiging")
        constraints = [
            models.UniqueConstraint(
                fields=["resident", "branch_number"], name="one_user_per_business_branch"
            )
        ]

    def __str__(self):
        return f"{self.resident} {self.branch_number}"


class ServiceNorm(models.Model):
    """How fast a contact on a channel must be answered (dienstverleningsconcept, bijlage 1)."""

    channel = models.CharField(_("kanaal"), max_length=20, choices=Channel.choices, unique=True)
    amount = models.PositiveSmallIntegerField(_("binnen"))
    unit = models.CharField(_("eenheid"), max_length=20, choices=NormUnit.choices)
    description = models.CharField(_("omschrijving"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("servicenorm")
        verbose_name_plural = _("servicenormen")

    def __str__(self):
        return f"{self.get_channel_display()}: {self.amount} {self.get_unit_display()}"

    @property
    def norm(self):
        from contacts.norms import Norm

        return Norm(self.amount, self.unit)

    def due_at(self, start):
        from contacts.norms import due_at

        return due_at(self.norm, start)


class ClosingDay(models.Model):
    """A day the municipality is closed beyond public holidays (e.g. between Christmas and
    New Year): no norm counts it as a working day."""

    date = models.DateField(_("datum"), unique=True)
    reason = models.CharField(_("reden"), max_length=200)

    class Meta:
        ordering = ["date"]
        verbose_name = _("sluitingsdag")
        verbose_name_plural = _("sluitingsdagen")

    def __str__(self):
        return f"{self.date:%d-%m-%Y} ({self.reason})"


class NormClockQuerySet(models.QuerySet):
    def running(self):
        return self.filter(stopped_at__isnull=True)

    def overdue(self, now):
        return self.running().filter(due_at__lt=now)


class NormClock(models.Model):
    """The one clock behind every promise: a contact's answer, a task, a case.

    Kept in its own table so the dashboards measure every norm the same way, in SQL: met
    when ``stopped_at <= due_at``. ``contacts.norms`` computes due times; the services in
    ``contacts.services`` start, pause, resume, reschedule and stop clocks.
    """

    kind = models.CharField(_("soort"), max_length=10, choices=ClockKind.choices)
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    channel = models.CharField(_("kanaal"), max_length=20, choices=Channel.choices, blank=True)
    norm_amount = models.PositiveSmallIntegerField(_("norm"))
    norm_unit = models.CharField(_("eenheid"), max_length=20, choices=NormUnit.choices)
    started_at = models.DateTimeField(_("gestart"))
    due_at = models.DateTimeField(_("uiterlijk"))
    # The first promise, when staff set a new date (with a reason, told to the resident).
    original_due_at = models.DateTimeField(null=True, blank=True)
    reschedule_reason = models.CharField(max_length=300, blank=True)
    paused_at = models.DateTimeField(_("gepauzeerd sinds"), null=True, blank=True)
    warned_at = models.DateTimeField(null=True, blank=True)
    breached_at = models.DateTimeField(null=True, blank=True)
    stopped_at = models.DateTimeField(_("afgerond"), null=True, blank=True)

    objects = NormClockQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["kind", "team", "stopped_at", "due_at"]),
            models.Index(
                fields=["due_at"], condition=Q(stopped_at__isnull=True), name="clock_running_due"
            ),
            # Open work per team (dashboard, home panel, digest), counted from the index alone:
            # only running clocks, with every column the counts read.
            models.Index(
                fields=["team", "due_at", "paused_at", "warned_at"],
                condition=Q(stopped_at__isnull=True),
                name="clock_running_team_due",
            ),
            # The few paused clocks: the case queues ask "waiting or not" without a join.
            models.Index(fields=["id"], condition=Q(paused_at__isnull=False), name="clock_paused"),
        ]
        verbose_name = _("normklok")
        verbose_name_plural = _("normklokken")

    def __str__(self):
        return f"{self.get_kind_display()} {self.norm_amount} {self.get_norm_unit_display()}"

    @property
    def norm(self):
        from contacts.norms import Norm

        return Norm(self.norm_amount, self.norm_unit)

    @property
    def met(self) -> bool | None:
        """True or False once stopped; None while running."""
        return None if self.stopped_at is None else self.stopped_at <= self.due_at


class ClockPause(models.Model):
    clock = models.ForeignKey(NormClock, on_delete=models.CASCADE, related_name="pauses")
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["started_at"]

    def __str__(self):
        return f"{self.started_at:%d-%m-%Y %H:%M} - {self.ended_at or '...'}"


class ContactMomentQuerySet(models.QuerySet):
    def visible_to_resident(self, resident):
        """The resident's own contacts on every channel (staff summaries are not shown)."""
        if resident is None:
            return self.none()
        return self.filter(branch_scope_q(resident), resident=resident)

    def readable_by_staff(self, user):
        """Contacts with their teams and the ones they registered themselves; every contact
        for unit Informatie (which reads every case, too)."""
        if not is_active_staff(user):
            return self.none()
        if user.is_superuser:
            return self.all()
        groups = user.groups.all()
        reads_everything = Team.objects.filter(slug=READS_EVERYTHING_TEAM, group__in=groups)
        return self.filter(
            Q(team__group__in=groups) | Q(registered_by=user) | Q(Exists(reads_everything))
        )


class ContactMoment(models.Model):
    """One contact on any channel, in either direction."""

    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, null=True, blank=True, related_name="contact_moments"
    )
    # The branch (vestiging) of a business whose login for that branch made this contact.
    branch_number = models.CharField(_("vestigingsnummer"), max_length=12, blank=True)
    channel = models.CharField(_("kanaal"), max_length=20, choices=Channel.choices)
    direction = models.CharField(
        _("richting"), max_length=3, choices=Direction.choices, default=Direction.INBOUND
    )
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="contact_moments"
    )
    topic = models.CharField(_("onderwerp"), max_length=200)
    summary = models.TextField(_("samenvatting"), blank=True)
    outcome = models.CharField(
        _("uitkomst"), max_length=20, choices=Outcome.choices, default=Outcome.OPEN
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    registered_at = models.DateTimeField(_("geregistreerd op"), default=timezone.now)
    answer_due_at = models.DateTimeField(_("antwoord uiterlijk"), null=True, blank=True)
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    clock = models.OneToOneField(
        NormClock, on_delete=models.SET_NULL, null=True, blank=True, related_name="contact_moment"
    )
    # Where the contact came from outside: an e-mail's Message-ID, a webcare tool's message
    # id. Unique per channel, so reading a mailbox again or retrying an API call never
    # registers the same message twice.
    external_id = models.CharField(max_length=255, blank=True, editable=False)

    objects = ContactMomentQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "external_id"],
                condition=~Q(external_id=""),
                name="contact_external_id_unique",
            )
        ]
        ordering = ["-registered_at"]
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")

    def __str__(self):
        return f"{self.get_channel_display()}: {self.topic}"


class TaskQuerySet(models.QuerySet):
    def visible_to_staff(self, user):
        if not is_active_staff(user):
            return self.none()
        if user.is_superuser:
            return self.all()
        # Team.group is one-to-one: a subquery of team ids, no join, so no DISTINCT (which
        # made "Mijn werk (N)", counted on every admin page, scan all tasks).
        teams = Team.objects.filter(group__in=user.groups.all()).values("pk")
        return self.filter(Q(team__in=teams) | Q(assignee=user))

    def open(self):
        return self.filter(status=TaskStatus.OPEN)


class Task(models.Model):
    """Internal work that follows a contact: a callback, a forward, an answer owed."""

    kind = models.CharField(_("soort"), max_length=20, choices=TaskKind.choices)
    contact_moment = models.ForeignKey(
        ContactMoment, on_delete=models.CASCADE, null=True, blank=True, related_name="tasks"
    )
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="tasks")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    description = models.TextField(_("omschrijving"))
    due_at = models.DateTimeField(_("uiterlijk"))
    status = models.CharField(max_length=10, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    outcome = models.TextField(_("uitkomst"), blank=True)
    clock = models.OneToOneField(
        NormClock, on_delete=models.SET_NULL, null=True, blank=True, related_name="task"
    )

    objects = TaskQuerySet.as_manager()

    class Meta:
        ordering = ["due_at"]
        verbose_name = _("taak")
        verbose_name_plural = _("taken")
        # The work queues read only open tasks, per team or per assignee, by due time.
        indexes = [
            models.Index(
                fields=["team", "due_at"],
                condition=Q(status="open"),
                name="task_open_team_due",
            ),
            models.Index(
                fields=["assignee", "due_at"],
                condition=Q(status="open"),
                name="task_open_assignee_due",
            ),
            # "Mijn werk (N)" on every admin page: counted from this index alone (no table
            # rows read), however many tasks are open.
            models.Index(
                fields=["team", "assignee"],
                condition=Q(status="open"),
                name="task_open_team_assignee",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.description[:50]}"


class AccessLogEntryQuerySet(models.QuerySet):
    def visible_to_resident(self, resident):
        """Who looked at the resident's data; a login for one branch of a business reads only
        the looks at that branch's requests and uploads (an entry names them)."""
        if resident is None:
            return self.none()
        return self.filter(branch_scope_q(resident), resident=resident)


class AccessLogEntry(models.Model):
    """Staff opened a resident's data. The resident can read these entries."""

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="access_log")
    # The branch (vestiging) of the business whose request or upload was looked at; "" when
    # the look concerned the whole party (only its login for the whole KvK number reads it).
    branch_number = models.CharField(_("vestigingsnummer"), max_length=12, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    user_display = models.CharField(_("medewerker"), max_length=200)
    what = models.CharField(_("wat"), max_length=200)
    reason = models.CharField(_("reden"), max_length=200)
    at = models.DateTimeField(_("wanneer"), default=timezone.now)

    objects = AccessLogEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at"]
        verbose_name = _("inzage")
        verbose_name_plural = _("inzagelog")

    def __str__(self):
        return f"{self.user_display}: {self.what}"


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A webcare or chat tool's key to the webcare API. Only the SHA-256 of the key is kept;
    the key itself is shown once, when it is made (``manage.py create_api_token``)."""

    name = models.CharField(_("naam"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    # Contacts registered with this key are routed to this team.
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="api_tokens", verbose_name=_("team")
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("API-sleutel")
        verbose_name_plural = _("API-sleutels")

    def __str__(self):
        return self.name

    @staticmethod
    def hash_key(key: str) -> str:
        # The key is 256 random bits: a plain SHA-256 is enough, no salt or slow hash needed.
        return hashlib.sha256(key.encode()).hexdigest()

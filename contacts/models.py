from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contacts import calendar
from contacts.constants import (
    Channel,
    Direction,
    NormUnit,
    Outcome,
    ResidentKind,
    TaskKind,
    TaskStatus,
)


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
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    preferred_channel = models.CharField(
        _("voorkeurskanaal"), max_length=20, choices=Channel.choices, default=Channel.EMAIL
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resident",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("inwoner")
        verbose_name_plural = _("inwoners")

    def __str__(self):
        return self.name or self.email or _("Inwoner %(pk)s") % {"pk": self.pk}


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

    def due_at(self, start):
        if self.unit == NormUnit.OFFICE_HOURS:
            return calendar.add_office_hours(start, self.amount)
        local_day = timezone.localtime(start).date()
        if self.unit == NormUnit.WEEKS:
            return calendar.end_of_day(local_day + timezone.timedelta(weeks=self.amount))
        return calendar.end_of_day(calendar.add_working_days(local_day, self.amount))


class ContactMoment(models.Model):
    """One contact on any channel, in either direction."""

    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, null=True, blank=True, related_name="contact_moments"
    )
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

    class Meta:
        ordering = ["-registered_at"]
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")

    def __str__(self):
        return f"{self.get_channel_display()}: {self.topic}"


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
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at"]
        verbose_name = _("taak")
        verbose_name_plural = _("taken")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.description[:50]}"


class AccessLogEntry(models.Model):
    """Staff opened a resident's data. The resident can read these entries."""

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="access_log")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    user_display = models.CharField(_("medewerker"), max_length=200)
    what = models.CharField(_("wat"), max_length=200)
    reason = models.CharField(_("reden"), max_length=200)
    at = models.DateTimeField(_("wanneer"), default=timezone.now)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("inzage")
        verbose_name_plural = _("inzagelog")

    def __str__(self):
        return f"{self.user_display}: {self.what}"

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.constants import EventKind, RequestNoun
from contacts.models import ContactMoment, Resident, Team


class CaseType(models.Model):
    """A kind of request, such as a report about public space or a parking permit."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    slug = models.SlugField(unique=True)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="case_types")
    lead_time_days = models.PositiveSmallIntegerField(
        _("doorlooptijd (werkdagen)"),
        default=5,
        help_text=_("Binnen hoeveel werkdagen de inwoner antwoord krijgt."),
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


class StatusType(models.Model):
    case_type = models.ForeignKey(CaseType, on_delete=models.CASCADE, related_name="statuses")
    name = models.CharField(_("naam"), max_length=100)
    order = models.PositiveSmallIntegerField(_("volgorde"))
    is_final = models.BooleanField(_("afgerond"), default=False)

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
        if resident is None:
            return self.none()
        return self.filter(resident=resident)

    def visible_to_staff(self, user):
        if not (user.is_authenticated and user.is_active and user.is_staff):
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(team__group__in=user.groups.all())


class Case(models.Model):
    reference = models.CharField(_("kenmerk"), max_length=20, unique=True, editable=False)
    case_type = models.ForeignKey(CaseType, on_delete=models.PROTECT, related_name="cases")
    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, null=True, blank=True, related_name="cases"
    )
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
    opened_at = models.DateTimeField(_("ontvangen op"))
    due_on = models.DateField(_("antwoord uiterlijk"))
    closed_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    contact_moments = models.ManyToManyField(ContactMoment, blank=True, related_name="cases")

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("aanvraag")
        verbose_name_plural = _("aanvragen")

    def __str__(self):
        return f"{self.reference} {self.title}"


class CaseEvent(models.Model):
    """One line on the case timeline. Only events with ``visible_to_resident`` reach the portal."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("soort"), max_length=20, choices=EventKind.choices)
    status = models.ForeignKey(
        StatusType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("tekst"), blank=True)
    visible_to_resident = models.BooleanField(_("zichtbaar voor inwoner"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("tijdstip"))

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("tijdlijn")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.case.reference})"

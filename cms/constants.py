from django.db import models
from django.utils.translation import gettext_lazy as _


class Severity(models.TextChoices):
    INFO = "info", _("Informatie")
    WARNING = "warning", _("Waarschuwing")
    URGENT = "urgent", _("Urgent")


class NewsTopic(models.TextChoices):
    WASTE = "afval", _("Afval")
    TRAFFIC = "verkeer", _("Verkeer en wegen")
    HOUSING = "wonen", _("Wonen en bouwen")
    CARE = "zorg", _("Zorg en welzijn")
    ECONOMY = "economie", _("Werk en economie")
    GOVERNANCE = "bestuur", _("Bestuur en organisatie")
    ENVIRONMENT = "omgeving", _("Natuur en omgeving")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("maandag")
    TUESDAY = 1, _("dinsdag")
    WEDNESDAY = 2, _("woensdag")
    THURSDAY = 3, _("donderdag")
    FRIDAY = 4, _("vrijdag")
    SATURDAY = 5, _("zaterdag")
    SUNDAY = 6, _("zondag")


# Editors keep a page current at least this often ("controleren vóór").
REVIEW_INTERVAL_DAYS = 365
REVIEW_DUE_SOON_DAYS = 30


class ServiceKind(models.TextChoices):
    """What ‘Hoe lang duurt het?’ says on a service page."""

    REQUEST = "aanvraag", _("Aanvraag met antwoordtermijn")
    APPOINTMENT = "afspraak", _("Op afspraak, met levertijd")
    INFORMATION = "informatie", _("Alleen informatie")

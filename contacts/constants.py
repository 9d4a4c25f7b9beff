from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    PHONE = "phone", _("Telefoon")
    EMAIL = "email", _("E-mail")
    POST = "post", _("Post")
    WEB = "web", _("Webformulier")
    COUNTER = "counter", _("Balie")
    SOCIAL = "social", _("Sociale media")
    CHAT = "chat", _("Chat")
    HOME_VISIT = "home_visit", _("Huisbezoek")


# Channels staff register by hand on the registration screen (web forms register themselves).
REGISTRATION_CHANNELS = [
    Channel.PHONE,
    Channel.COUNTER,
    Channel.POST,
    Channel.EMAIL,
    Channel.SOCIAL,
    Channel.CHAT,
    Channel.HOME_VISIT,
]
# A summary is what was asked and answered, not a transcript: long texts belong in a case.
REGISTRATION_SUMMARY_MAX_LENGTH = 1000


class Direction(models.TextChoices):
    INBOUND = "in", _("Inkomend")
    OUTBOUND = "out", _("Uitgaand")


class Outcome(models.TextChoices):
    OPEN = "open", _("Nog niet afgehandeld")
    ANSWERED = "answered", _("Beantwoord")
    FORWARDED = "forwarded", _("Doorgezet")
    CALLBACK = "callback", _("Terugbelverzoek")
    CASE_CREATED = "case", _("Aanvraag gestart")


class ResidentKind(models.TextChoices):
    PERSON = "person", _("Inwoner")
    BUSINESS = "business", _("Bedrijf of organisatie")
    ANONYMOUS = "anonymous", _("Anoniem")


class NormUnit(models.TextChoices):
    WORKING_DAYS = "working_days", _("werkdagen")
    OFFICE_HOURS = "office_hours", _("kantooruren")
    WEEKS = "weeks", _("weken")


class TaskKind(models.TextChoices):
    CALLBACK = "callback", _("Terugbellen")
    FORWARD = "forward", _("Doorgezet naar vakafdeling")
    ANSWER = "answer", _("Antwoord sturen")
    SUBTASK = "subtask", _("Deeltaak van een aanvraag")


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Afgerond")


# The norms from the dienstverleningsconcept (bijlage 1): (channel, amount, unit, description).
DEFAULT_SERVICE_NORMS = [
    (Channel.PHONE, 2, NormUnit.WORKING_DAYS, "Terugbellen binnen 2 werkdagen"),
    (Channel.EMAIL, 5, NormUnit.WORKING_DAYS, "E-mail beantwoorden binnen 5 werkdagen"),
    (Channel.WEB, 5, NormUnit.WORKING_DAYS, "Webformulier beantwoorden binnen 5 werkdagen"),
    (Channel.POST, 6, NormUnit.WEEKS, "Brief beantwoorden binnen 6 weken"),
    (Channel.SOCIAL, 2, NormUnit.OFFICE_HOURS, "Sociale media beantwoorden binnen 2 kantooruren"),
]


class AssuranceLevel(models.TextChoices):
    """DigiD's levels of assurance, lowest first (eIDAS: laag, substantieel, hoog)."""

    NONE = "", _("Niet ingelogd")
    BASIS = "basis", _("Basis")
    MIDDEN = "midden", _("Midden")
    SUBSTANTIEEL = "substantieel", _("Substantieel")
    HOOG = "hoog", _("Hoog")

    @classmethod
    def rank(cls, level: str) -> int:
        return list(cls.values).index(level) if level in cls.values else 0

    @classmethod
    def at_least(cls, level: str, minimum: str) -> bool:
        return cls.rank(level) >= cls.rank(minimum)


# Session keys the portal fills at login and forms read: the mapped assurance level, and the
# BSN encrypted (contacts.crypto) for prefill from the BRP during this session only.
SESSION_ASSURANCE_LEVEL = "assurance_level"
SESSION_BSN_TOKEN = "bsn_token"


class ClockKind(models.TextChoices):
    CONTACT = "contact", _("Contactmoment")
    TASK = "task", _("Taak")
    CASE = "case", _("Aanvraag")

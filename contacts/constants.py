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

# Unit Informatie answers callers about everything: it reads every contact and every case.
READS_EVERYTHING_TEAM = "informatie"


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


# The norms from the dienstverleningsconcept (chapter 7, "Minimum branchenormen"):
# (channel, amount, unit, description).
DEFAULT_SERVICE_NORMS = [
    (Channel.PHONE, 2, NormUnit.WORKING_DAYS, "Terugbellen binnen 2 werkdagen"),
    (Channel.EMAIL, 5, NormUnit.WORKING_DAYS, "E-mail beantwoorden binnen 5 werkdagen"),
    (Channel.WEB, 5, NormUnit.WORKING_DAYS, "Webformulier beantwoorden binnen 5 werkdagen"),
    (Channel.POST, 6, NormUnit.WEEKS, "Brief beantwoorden binnen 6 weken"),
    (Channel.SOCIAL, 2, NormUnit.OFFICE_HOURS, "Sociale media beantwoorden binnen 2 kantooruren"),
    # The document names no norm for these channels; our choices (contacts migration 0012):
    # chat is one of the online channels it lists beside social media, so the social norm;
    # at the counter and on a home visit we talk face to face, as on the phone: what cannot be
    # answered at once is answered within the phone's two working days.
    (Channel.CHAT, 2, NormUnit.OFFICE_HOURS, "Chat beantwoorden binnen 2 kantooruren"),
    (Channel.COUNTER, 2, NormUnit.WORKING_DAYS, "Vraag aan de balie binnen 2 werkdagen"),
    (Channel.HOME_VISIT, 2, NormUnit.WORKING_DAYS, "Vraag bij huisbezoek binnen 2 werkdagen"),
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
# How this session was authenticated: written at the OIDC login and nowhere else. A session
# without it (a password login, staff) is no resident's login, whatever else it holds.
SESSION_PORTAL_AUTH = "portal_auth"
SESSION_PORTAL_AUTH_OIDC = "oidc"


class ClockKind(models.TextChoices):
    CONTACT = "contact", _("Contactmoment")
    TASK = "task", _("Taak")
    CASE = "case", _("Aanvraag")


class QueryKind(models.TextChoices):
    """What the employee typed in the search field of the registration screen."""

    NAME = "name", _("naam")
    NAME_AND_BIRTH_DATE = "name_birth_date", _("naam en geboortedatum")
    ADDRESS = "address", _("postcode en huisnummer")
    EMAIL = "email", _("e-mailadres")
    PHONE = "phone", _("telefoonnummer")
    BSN = "bsn", _("burgerservicenummer")


class Village(models.TextChoices):
    """The villages (kernen) of Het Hogeland: where a case is, for the "Kern" filter.

    Values are the slugified names, so a town from the BRP or an address lookup maps onto
    them (``contacts.places.village_for_town``). News pages (cms) use the same list."""

    ADORP = "adorp", "Adorp"
    BAFLO = "baflo", "Baflo"
    BEDUM = "bedum", "Bedum"
    BREEDE = "breede", "Breede"
    DEN_ANDEL = "den-andel", "Den Andel"
    EENRUM = "eenrum", "Eenrum"
    EPPENHUIZEN = "eppenhuizen", "Eppenhuizen"
    HORNHUIZEN = "hornhuizen", "Hornhuizen"
    HOUWERZIJL = "houwerzijl", "Houwerzijl"
    KANTENS = "kantens", "Kantens"
    KLOOSTERBUREN = "kloosterburen", "Kloosterburen"
    LAUWERSOOG = "lauwersoog", "Lauwersoog"
    LEENS = "leens", "Leens"
    MENSINGEWEER = "mensingeweer", "Mensingeweer"
    MOLENRIJ = "molenrij", "Molenrij"
    NIEKERK = "niekerk", "Niekerk"
    NOORDWOLDE = "noordwolde", "Noordwolde"
    OLDENZIJL = "oldenzijl", "Oldenzijl"
    ONDERDENDAM = "onderdendam", "Onderdendam"
    OOSTERNIELAND = "oosternieland", "Oosternieland"
    OUDESCHIP = "oudeschip", "Oudeschip"
    PIETERBUREN = "pieterburen", "Pieterburen"
    RASQUERT = "rasquert", "Rasquert"
    ROODESCHOOL = "roodeschool", "Roodeschool"
    ROTTUM = "rottum", "Rottum"
    SAAXUMHUIZEN = "saaxumhuizen", "Saaxumhuizen"
    SAUWERD = "sauwerd", "Sauwerd"
    SCHOUWERZIJL = "schouwerzijl", "Schouwerzijl"
    STITSWERD = "stitswerd", "Stitswerd"
    TINALLINGE = "tinallinge", "Tinallinge"
    UITHUIZEN = "uithuizen", "Uithuizen"
    UITHUIZERMEEDEN = "uithuizermeeden", "Uithuizermeeden"
    ULRUM = "ulrum", "Ulrum"
    USQUERT = "usquert", "Usquert"
    VIERHUIZEN = "vierhuizen", "Vierhuizen"
    WARFFUM = "warffum", "Warffum"
    WARFHUIZEN = "warfhuizen", "Warfhuizen"
    WEHE_DEN_HOORN = "wehe-den-hoorn", "Wehe-den Hoorn"
    WESTERNIELAND = "westernieland", "Westernieland"
    WINSUM = "winsum", "Winsum"
    ZANDEWEER = "zandeweer", "Zandeweer"
    ZOUTKAMP = "zoutkamp", "Zoutkamp"
    ZUIDWOLDE = "zuidwolde", "Zuidwolde"
    ZUURDIJK = "zuurdijk", "Zuurdijk"

from django.db import models
from django.utils.translation import gettext_lazy as _

from contacts.constants import READS_EVERYTHING_TEAM


class EventKind(models.TextChoices):
    CREATED = "created", _("Ontvangen")
    STATUS = "status", _("Status gewijzigd")
    MESSAGE_OUT = "message_out", _("Bericht aan inwoner")
    MESSAGE_IN = "message_in", _("Bericht van inwoner")
    NOTE = "note", _("Interne notitie")
    ASSIGNMENT = "assignment", _("Behandelaar gewijzigd")
    FORWARD = "forward", _("Doorgezet naar ander team")
    DOCUMENT = "document", _("Document")
    INFO_REQUESTED = "info_requested", _("Meer informatie gevraagd")
    TASK = "task", _("Taak voor ander team")
    RESCHEDULED = "rescheduled", _("Nieuwe datum")
    CLOSED = "closed", _("Afgerond")
    CONTACT = "contact", _("Contact")


# What a resident reads for an event without a status of its own (the kinds above are the
# staff's words). Kinds a resident never sees (notes, tasks) are not here.
RESIDENT_EVENT_TITLES = {
    EventKind.CREATED: _("Ontvangen"),
    EventKind.STATUS: _("Nieuwe status"),
    EventKind.MESSAGE_OUT: _("Bericht van de gemeente"),
    EventKind.MESSAGE_IN: _("Uw bericht"),
    EventKind.ASSIGNMENT: _("Uw contactpersoon"),
    EventKind.FORWARD: _("Doorgestuurd"),
    EventKind.INFO_REQUESTED: _("Wij vragen u om informatie"),
    EventKind.RESCHEDULED: _("Nieuwe datum"),
    EventKind.CLOSED: _("Afgerond"),
}


# Every case type starts with this status; a resident sees it on the confirmation page.
INITIAL_STATUS_NAME = "Ontvangen"


class RequestNoun(models.TextChoices):
    """The word a resident reads for their request, in every text about it."""

    AANVRAAG = "aanvraag", _("aanvraag")
    MELDING = "melding", _("melding")
    VRAAG = "vraag", _("vraag")
    KLACHT = "klacht", _("klacht")


class MessageDirection(models.TextChoices):
    TO_RESIDENT = "to_resident", _("Aan inwoner")
    FROM_RESIDENT = "from_resident", _("Van inwoner")


# Unit Informatie reads the status and timeline of every case, to answer callers.
READS_ALL_CASES_TEAM = READS_EVERYTHING_TEAM


class Queue(models.TextChoices):
    """The work queues in the admin; the values appear in the list's URL."""

    MINE = "mijn", _("Mijn aanvragen")
    NEW = "nieuw", _("Nieuw")
    DUE_TODAY = "vandaag", _("Vandaag uiterlijk")
    OVERDUE = "te-laat", _("Te laat")
    WAITING = "wacht", _("Wacht op inwoner")

"""Everything the municipality holds about a resident, for "Download al mijn gegevens".

Read through the same resident-scoped querysets as the portal pages; internal notes and
staff summaries are not the resident's data about themselves and stay out, the access log
goes in.
"""

import datetime as dt
import json

from django.utils import formats, timezone

from cases.models import Case, CaseEvent, Message
from contacts.models import AccessLogEntry, ContactMoment
from forms_app import answers as answer_contract
from forms_app.models import Submission


def resident_data(resident) -> dict:
    """The data with dates and times as objects: ``as_json`` and ``as_readable`` write them."""
    cases = Case.objects.visible_to_resident(resident).select_related("case_type", "status")
    events = CaseEvent.objects.visible_to_resident(resident).select_related("case", "status")
    submissions = Submission.objects.visible_to_resident(resident).select_related("case")
    return {
        "profiel": {
            "naam": resident.name,
            "e-mailadres": resident.email,
            "telefoonnummer": resident.phone,
            "voorkeurskanaal": resident.get_preferred_channel_display(),
            "meldingen": {
                "nieuwe status": resident.notify_status,
                "nieuw bericht": resident.notify_messages,
                "herinneringen": resident.notify_reminders,
            },
        },
        "aanvragen": [
            {
                "kenmerk": case.reference,
                "onderwerp": case.title,
                "soort": str(case.case_type),
                "status": case.status.name,
                "ontvangen": case.opened_at,
                "antwoord uiterlijk": case.due_on,
                "afgerond": case.closed_at if case.closed_at else None,
                "resultaat": case.result,
                "verloop": [
                    {
                        "wanneer": event.created_at,
                        "wat": event.resident_title,
                        "tekst": event.text,
                    }
                    for event in events
                    if event.case_id == case.pk
                ],
            }
            for case in cases
        ],
        "formulieren": [
            {
                "formulier": submission.form_title,
                "kenmerk": submission.case.reference,
                "verzonden": submission.created_at,
                "antwoorden": [
                    {"vraag": answer["label"], "antwoord": answer_contract.display(answer)}
                    for answer in submission.answers
                ],
            }
            for submission in submissions
        ],
        "berichten": [
            {
                "verstuurd": message.sent_at,
                "richting": message.get_direction_display(),
                "onderwerp": message.subject,
                "bericht": message.body,
                "gelezen": message.read_at if message.read_at else None,
            }
            for message in Message.objects.visible_to_resident(resident)
        ],
        "contactmomenten": [
            {
                "wanneer": contact.registered_at,
                "kanaal": contact.get_channel_display(),
                "richting": contact.get_direction_display(),
                "onderwerp": contact.topic,
                "uitkomst": contact.get_outcome_display(),
            }
            for contact in ContactMoment.objects.visible_to_resident(resident)
        ],
        "inzage door medewerkers": [
            {
                "wanneer": entry.at,
                "medewerker": entry.user_display,
                "wat": entry.what,
                "waarom": entry.reason,
            }
            for entry in AccessLogEntry.objects.visible_to_resident(resident)
        ],
    }


def _iso(value):
    if isinstance(value, dt.date):  # a datetime is a date too
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not in the export's shape")


def as_json(data: dict) -> str:
    """The download file: dates and times in ISO 8601 (times in UTC), for other programs."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=_iso)


def as_readable(value):
    """For the page to read: "30 november 2026, 12:48" in Dutch time, "27 januari 2027"."""
    if isinstance(value, dict):
        return {key: as_readable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_readable(item) for item in value]
    if isinstance(value, dt.datetime):
        return formats.date_format(timezone.localtime(value), "j F Y, H:i")
    if isinstance(value, dt.date):
        return formats.date_format(value, "j F Y")
    return value

"""Everything the municipality holds about a resident, for "Download al mijn gegevens".

Read through the same resident-scoped querysets as the portal pages; internal notes and
staff summaries are not the resident's data about themselves and stay out, the access log
goes in.
"""

from cases.models import Case, CaseEvent, Message
from contacts.models import AccessLogEntry, ContactMoment
from forms_app import answers as answer_contract
from forms_app.models import Submission


def resident_data(resident) -> dict:
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
                "ontvangen": case.opened_at.isoformat(),
                "antwoord uiterlijk": case.due_on.isoformat(),
                "afgerond": case.closed_at.isoformat() if case.closed_at else None,
                "resultaat": case.result,
                "verloop": [
                    {
                        "wanneer": event.created_at.isoformat(),
                        "wat": event.status.name if event.status_id else event.get_kind_display(),
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
                "verzonden": submission.created_at.isoformat(),
                "antwoorden": [
                    {"vraag": answer["label"], "antwoord": answer_contract.display(answer)}
                    for answer in submission.answers
                ],
            }
            for submission in submissions
        ],
        "berichten": [
            {
                "verstuurd": message.sent_at.isoformat(),
                "richting": message.get_direction_display(),
                "onderwerp": message.subject,
                "bericht": message.body,
                "gelezen": message.read_at.isoformat() if message.read_at else None,
            }
            for message in Message.objects.visible_to_resident(resident)
        ],
        "contactmomenten": [
            {
                "wanneer": contact.registered_at.isoformat(),
                "kanaal": contact.get_channel_display(),
                "richting": contact.get_direction_display(),
                "onderwerp": contact.topic,
                "uitkomst": contact.get_outcome_display(),
            }
            for contact in ContactMoment.objects.visible_to_resident(resident)
        ],
        "inzage door medewerkers": [
            {
                "wanneer": entry.at.isoformat(),
                "medewerker": entry.user_display,
                "wat": entry.what,
                "waarom": entry.reason,
            }
            for entry in AccessLogEntry.objects.visible_to_resident(resident)
        ],
    }

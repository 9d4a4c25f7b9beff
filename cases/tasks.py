from django.template.loader import render_to_string
from django_tasks import task

from ops.links import site_url
from outbox.services import queue_email


def case_recipient(case) -> str:
    """Where the resident wants answers: the address given with the request, else the profile's."""
    if case.email:
        return case.email
    return case.resident.email if case.resident_id else ""


def status_email_recipient(case) -> str:
    """Who gets the e-mail about a new status: nobody without an address or who said no."""
    resident = case.resident if case.resident_id else None
    if resident is not None and not resident.notify_status:
        return ""
    return case_recipient(case)


def message_notice_recipient(*, resident, case) -> str:
    """Who hears of a new message: the resident (unless they said no), or the address given
    with a request sent without logging in."""
    if resident is not None:
        return resident.email if resident.notify_messages else ""
    return case.email if case is not None else ""


@task()
def send_status_email(*, event_id: int) -> bool:
    from cases.models import CaseEvent

    event = CaseEvent.objects.select_related("case__resident", "status").get(pk=event_id)
    recipient = status_email_recipient(event.case)
    if not recipient:
        return False
    context = {"case": event.case, "event": event}
    queue_email(
        to=recipient,
        subject=f"Nieuwe status van uw aanvraag {event.case.reference}",
        body=render_to_string("cases/email/status_changed.txt", context),
        dedupe_key=f"cases.status:{event_id}",
    )
    return True


@task()
def send_message_notice(*, message_id: int) -> bool:
    """ "U heeft een nieuw bericht": no personal data, no message text."""
    from django.urls import reverse

    from cases.follow import follow_token
    from cases.models import Message

    message = Message.objects.select_related("resident", "case").get(pk=message_id)
    recipient = message_notice_recipient(resident=message.resident, case=message.case)
    if not recipient:
        return False
    if message.resident_id:
        url, subject = (
            site_url(reverse("portal:inbox")),
            "U heeft een nieuw bericht in Mijn Hogeland",
        )
    else:
        url = site_url(reverse("follow", args=(follow_token(message.case),)))
        subject = f"Nieuw bericht over uw aanvraag {message.case.reference}"
    queue_email(
        to=recipient,
        subject=subject,
        body=render_to_string(
            "cases/email/message_notice.txt",
            {"url": url, "portal": bool(message.resident_id)},
        ),
        dedupe_key=f"cases.message:{message_id}",
    )
    return True


@task()
def send_satisfaction_request(*, case_id: int) -> bool:
    """One short question when a case closes, by a signed link."""
    from django.core import signing
    from django.urls import reverse

    from cases.models import Case

    case = Case.objects.select_related("resident", "case_type").get(pk=case_id)
    recipient = case_recipient(case)
    if not recipient or hasattr(case, "satisfaction"):
        return False
    token = signing.dumps(case.pk, salt="cases.satisfaction", compress=True)
    queue_email(
        to=recipient,
        subject=f"Hoe tevreden bent u? ({case.reference})",
        body=render_to_string(
            "cases/email/satisfaction.txt",
            {
                "case": case,
                "noun": case.case_type.noun_label,
                "url": site_url(reverse("satisfaction", args=(token,))),
            },
        ),
        dedupe_key=f"cases.satisfaction:{case_id}",
    )
    return True

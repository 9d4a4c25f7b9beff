"""One timeline per resident across channels and cases: what staff and the resident both see.

Read through the queryset methods that decide what a resident may see
(``CaseEvent.objects.visible_to_resident``, ``ContactMoment.objects.visible_to_resident``,
``Message.objects.visible_to_resident``); internal notes never appear. A fixed number of
queries however long the history: each source is one query, limited, merged in Python.
"""

from dataclasses import dataclass
from datetime import datetime

from cases.constants import EventKind, MessageDirection
from cases.models import CaseEvent, Message
from contacts.models import ContactMoment


@dataclass(frozen=True)
class TimelineItem:
    at: datetime
    kind: str  # "contact", "event" or "message"
    channel: str
    title: str
    text: str
    reference: str = ""
    url_name: str = ""
    url_arg: str = ""


def resident_timeline(resident, *, limit: int = 100) -> list[TimelineItem]:
    contacts = (
        ContactMoment.objects.visible_to_resident(resident)
        .only("registered_at", "channel", "direction", "topic", "outcome")
        .order_by("-registered_at")[:limit]
    )
    events = (
        CaseEvent.objects.visible_to_resident(resident)
        # A message is on the timeline as itself, not a second time as a case event.
        .exclude(kind__in=[EventKind.MESSAGE_OUT, EventKind.MESSAGE_IN])
        .select_related("case", "status")
        .only("created_at", "kind", "text", "status__name", "case__reference", "case__title")
        .order_by("-created_at")[:limit]
    )
    messages = (
        Message.objects.visible_to_resident(resident)
        .select_related("case")
        .only("sent_at", "direction", "subject", "case__reference")
        .order_by("-sent_at")[:limit]
    )
    items = [
        TimelineItem(
            at=contact.registered_at,
            kind="contact",
            channel=contact.get_channel_display(),
            title=contact.topic,
            text=f"{contact.get_direction_display()} · {contact.get_outcome_display()}",
        )
        for contact in contacts
    ]
    items += [
        TimelineItem(
            at=event.created_at,
            kind="event",
            channel="",
            title=event.resident_title,
            text=event.text,
            reference=event.case.reference,
            url_name="portal:case-detail",
            url_arg=event.case.reference,
        )
        for event in events
    ]
    items += [
        TimelineItem(
            at=message.sent_at,
            kind="message",
            channel="Mijn Hogeland",
            title=(
                "Bericht van de gemeente"
                if message.direction == MessageDirection.TO_RESIDENT
                else "Uw bericht"
            ),
            text=message.subject,
            reference=message.case.reference if message.case_id else "",
            url_name="portal:message-detail",
            url_arg=str(message.pk),
        )
        for message in messages
    ]
    return sorted(items, key=lambda item: item.at, reverse=True)[:limit]

"""Daily: tell the functional administrators which e-mail could not be delivered.

Subjects (they carry the reference) and times, never an address or a message text: staff
look the resident up in the case and reach them another way.
"""

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from outbox.models import OutboundEmail
from outbox.services import queue_email


def administrators() -> list[str]:
    if settings.OUTBOX_ADMIN_EMAILS:
        return list(settings.OUTBOX_ADMIN_EMAILS)
    return sorted(
        get_user_model()
        .objects.filter(is_superuser=True, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )


def undelivered_digest(*, now: dt.datetime | None = None) -> int:
    """Queue the digest of the last day's given-up e-mail; returns the number of them."""
    now = now or timezone.now()
    given_up = list(
        OutboundEmail.objects.undelivered()
        .filter(given_up_at__gte=now - dt.timedelta(days=1), given_up_at__lte=now)
        .order_by("given_up_at")
        .only("pk", "subject", "created_at", "given_up_at", "attempts")
    )
    recipients = administrators()
    if not given_up or not recipients:
        return 0
    context = {
        "emails": given_up,
        "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        + reverse("outbound_email:index")
        + "?status=failed",
    }
    queue_email(
        to=recipients,
        subject=f"{len(given_up)} e-mail(s) niet bezorgd",
        body=render_to_string("outbox/email/undelivered_digest.txt", context),
        dedupe_key=f"outbox.digest:{timezone.localdate(now).isoformat()}",
    )
    return len(given_up)

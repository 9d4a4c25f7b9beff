"""E-mail to residents about their own profile, sent after commit by the task worker."""

from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from ops.links import site_url
from outbox.services import dedupe_digest, queue_email


@task()
def send_email_confirmation(*, resident_id: int, token: str) -> bool:
    from contacts.models import Resident

    resident = Resident.objects.filter(pk=resident_id).first()
    if resident is None or not resident.pending_email:
        return False
    url = site_url(reverse("portal:confirm-email", args=(token,)))
    digest = dedupe_digest(token)
    queue_email(
        to=resident.pending_email,
        subject="Bevestig uw nieuwe e-mailadres voor Mijn Hogeland",
        body=render_to_string("contacts/email/confirm_email.txt", {"url": url}),
        dedupe_key=f"contacts.confirm-email:{resident_id}:{digest}",
    )
    return True

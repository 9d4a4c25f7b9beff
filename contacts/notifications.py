"""E-mail to residents about their own profile, sent after commit by the task worker."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task


@task()
def send_email_confirmation(*, resident_id: int, token: str) -> bool:
    from contacts.models import Resident

    resident = Resident.objects.filter(pk=resident_id).first()
    if resident is None or not resident.pending_email:
        return False
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "portal:confirm-email", args=(token,)
    )
    send_mail(
        subject="Bevestig uw nieuwe e-mailadres voor Mijn Hogeland",
        message=render_to_string("contacts/email/confirm_email.txt", {"url": url}),
        from_email=None,
        recipient_list=[resident.pending_email],
    )
    return True

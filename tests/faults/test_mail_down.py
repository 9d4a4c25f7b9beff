"""The mail server is down when a resident submits: the submission stands, the page promises
an e-mail rather than claiming it went, and the e-mail goes once the server is back."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from cases.models import Case
from outbox.constants import EmailStatus
from outbox.models import OutboundEmail
from outbox.services import send_due
from tests.forms_app.test_wizard import fill_default
from tests.forms_app.wizard_client import Wizard

pytestmark = pytest.mark.django_db


def test_submission_stands_and_the_email_follows_when_the_server_is_back(
    client, resident, form_page, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.outbox.test_services.MailServerDown"

    with django_capture_on_commit_callbacks(execute=True):
        response = fill_default(Wizard(client, form_page)).submit(follow=True)

    page = response.content.decode()
    case = Case.objects.get()
    assert case.reference in page
    assert "Wij sturen u een bevestiging per e-mail" in page
    for claim in ("e-mail is verstuurd", "e-mail is verzonden", "hebben u een e-mail gestuurd"):
        assert claim not in page
    email = OutboundEmail.objects.get()
    assert email.status == EmailStatus.PENDING
    assert email.attempts == 1

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send_due(now=timezone.now() + dt.timedelta(minutes=2))

    assert len(mail.outbox) == 1
    assert case.reference in mail.outbox[0].subject

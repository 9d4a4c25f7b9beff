"""The database goes away while a resident submits: an error page, no confirmation, nothing
half-saved, and the same answers can be sent again once it is back."""

import pytest
from django.db import OperationalError, connection

from cases.models import Case
from contacts.models import ContactMoment
from forms_app.models import Draft, Submission
from outbox.models import OutboundEmail
from tests.forms_app.test_wizard import fill_default
from tests.forms_app.wizard_client import Wizard

pytestmark = pytest.mark.django_db


def database_gone_at_the_case(execute, sql, params, many, context):
    # Mid-transaction: the contact moment is written, then the server stops answering.
    if sql.lstrip().upper().startswith('INSERT INTO "CASES_CASE"'):
        raise OperationalError("server closed the connection unexpectedly")
    return execute(sql, params, many, context)


def test_database_down_at_submit_shows_an_error_and_saves_nothing(
    client, resident, form_page, django_capture_on_commit_callbacks
):
    client.raise_request_exception = False
    wizard = fill_default(Wizard(client, form_page))
    key = wizard.key()

    with connection.execute_wrapper(database_gone_at_the_case):
        response = wizard.submit(key)

    assert response.status_code == 500
    page = response.content.decode()
    assert "Er ging iets mis" in page
    assert "ontvangen" not in page and "kenmerk" not in page.lower()
    assert not Case.objects.exists()
    assert not ContactMoment.objects.exists()
    assert not Submission.objects.exists()
    assert not OutboundEmail.objects.exists()
    assert Draft.objects.filter(resident=resident).exists()

    # Back again: the same answers and key give one case and its confirmation.
    with django_capture_on_commit_callbacks(execute=True):
        response = wizard.submit(key, follow=True)

    assert Case.objects.count() == 1
    assert Case.objects.get().reference in response.content.decode()

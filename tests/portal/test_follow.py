"""Following a request sent without logging in, by the signed link in the e-mail."""

import json
import re

import pytest
from django.core import mail

from cases.follow import follow_token
from cases.models import Message
from cases.services import message_to_resident
from tests.cases.factories import CaseFactory
from tests.forms_app.factories import FormPageFactory, field, step
from tests.forms_app.wizard_client import Wizard

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    from tests.cms.factories import make_home

    return make_home()


def test_anonymous_sender_follows_and_replies_by_the_link_from_the_email(
    client, home, django_capture_on_commit_callbacks
):
    page = FormPageFactory(
        parent=home,
        login_required=False,
        steps=json.dumps([step("Vraag", field("Uw vraag", "textarea"))]),
    )
    wizard = Wizard(client, page)
    wizard.answer("Wanneer wordt het gras gemaaid?")
    with django_capture_on_commit_callbacks(execute=True):
        wizard.submit(**{"controleren-email": "piet@example.nl"})
    link = re.search(r"https?://\S+(/volgen/\S+/)", mail.outbox[0].body).group(1)
    client.cookies.clear()

    page = client.get(link)

    assert page.status_code == 200
    assert "Ontvangen" in page.content.decode()
    assert page["Cache-Control"] == "private, no-store"
    response = client.post(link, {"body": "Graag voor het weekend."})
    assert response.status_code == 302
    reply = Message.objects.get()
    assert reply.resident is None and reply.case.email == "piet@example.nl"


def test_staff_message_reaches_the_anonymous_sender_without_its_text(
    client, django_capture_on_commit_callbacks
):
    case = CaseFactory(resident=None, email="piet@example.nl")

    with django_capture_on_commit_callbacks(execute=True):
        message_to_resident(resident=None, case=case, subject="Vraag", body="Geheim", by=None)

    (email,) = mail.outbox
    assert email.to == ["piet@example.nl"]
    assert "Geheim" not in email.body
    link = re.search(r"https?://\S+(/volgen/\S+/)", email.body).group(1)
    assert "Geheim" in client.get(link).content.decode()


def test_a_link_with_one_character_changed_is_refused(client):
    case = CaseFactory(resident=None, email="piet@example.nl")
    token = follow_token(case)
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")

    assert client.get(f"/volgen/{token}/").status_code == 200
    response = client.get(f"/volgen/{tampered}/")
    assert response.status_code == 404
    assert case.reference not in response.content.decode()


def test_a_logged_in_residents_case_cannot_be_followed_by_link(client):
    case = CaseFactory()  # has a resident: Mijn Hogeland, not a link

    assert client.get(f"/volgen/{follow_token(case)}/").status_code == 404

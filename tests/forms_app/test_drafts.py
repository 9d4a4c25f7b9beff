import datetime as dt
import json
import re

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from forms_app.models import Draft, Upload
from forms_app.services.drafts import (
    draft_discard,
    draft_save,
    drafts_expire,
    drafts_send_reminders,
)
from tests.contacts.factories import ResidentFactory
from tests.forms_app.conftest import log_in
from tests.forms_app.factories import FormPageFactory, field, key_of, step
from tests.forms_app.test_uploads import PDF, store, upload_file
from tests.forms_app.wizard_client import Wizard

pytestmark = pytest.mark.django_db


def test_a_logged_in_residents_answers_are_saved_after_every_step(client, resident, form_page):
    wizard = Wizard(client, form_page)
    wizard.answer("Zwerfafval", "Zakken bij de glasbak")

    draft = Draft.objects.get(resident=resident, form_page=form_page)
    assert draft.current_step == key_of(form_page.steps.raw_data[1])
    assert draft.expires_at.date() == (timezone.now() + dt.timedelta(days=30)).date()
    assert "Zakken bij de glasbak" in json.dumps(draft.data)


def test_a_new_session_continues_where_the_resident_was(client, resident, form_page):
    Wizard(client, form_page).answer("Zwerfafval", "Zakken bij de glasbak")
    client.logout()  # the session timed out; the answers were saved
    log_in(client, resident)

    wizard = Wizard(client, form_page)

    assert "Welkom terug" in wizard.content
    assert "Waar is het?" in wizard.content
    wizard.response = client.get(wizard.step_url(key_of(form_page.steps.raw_data[0])))
    assert "Zakken bij de glasbak" in wizard.content


def test_a_link_to_start_over_does_not_delete_a_residents_draft(client, resident, form_page):
    # "?opnieuw" starts a form afresh for staff filling it in for someone. A link elsewhere
    # with it (a GET, sent with the session cookie) must not throw a resident's answers away.
    Wizard(client, form_page).answer("Zwerfafval", "Zakken bij de glasbak")

    response = client.get(f"{form_page.url}?opnieuw", follow=True)

    assert Draft.objects.filter(resident=resident, form_page=form_page).exists()
    # In the same visit: the first step again, with the answer given.
    assert "Zakken bij de glasbak" in response.content.decode()


def test_a_draft_emptied_by_the_resident_goes_with_its_unsent_uploads(resident, form_page):
    owner = "e" * 64
    draft_save(
        resident=resident,
        page=form_page,
        data={"step_data": {"s": {"x": ["y"]}}, "extra_data": {"owner_token_hash": owner}},
        current_step="s",
        current_step_title="Stap",
    )
    store(upload_file("concept.pdf", PDF), owner=owner, resident=resident)

    draft_discard(resident=resident, page=form_page)

    assert not Draft.objects.exists()
    assert not Upload.objects.exists()


def test_drafts_are_listed_in_mijn_hogeland_and_can_be_deleted(client, resident, form_page):
    Wizard(client, form_page).answer("Zwerfafval", "Zakken")

    overview = client.get("/mijn/").content.decode()
    assert "Nog niet verzonden" in overview
    assert "Verder invullen" in overview
    draft = Draft.objects.get()
    delete_url = f"/mijn/concepten/{draft.uuid}/verwijderen/"
    assert delete_url in overview

    assert client.get(delete_url).status_code == 200
    response = client.post(delete_url)

    assert response.status_code == 302
    assert not Draft.objects.exists()
    assert "Nog niet verzonden" not in client.get("/mijn/").content.decode()


def test_another_residents_draft_is_404(client, resident, form_page):
    other = ResidentFactory()
    log_in(client, other)
    Wizard(client, form_page).answer("Zwerfafval", "Zakken")
    draft = Draft.objects.get(resident=other)
    log_in(client, resident)

    assert client.get(f"/mijn/concepten/{draft.uuid}/verwijderen/").status_code == 404
    assert client.post(f"/mijn/concepten/{draft.uuid}/verwijderen/").status_code == 404
    assert Draft.objects.filter(pk=draft.pk).exists()
    # Nor does it show up in the other resident's form.
    assert "Zakken" not in Wizard(client, form_page).content


def test_submitting_removes_the_draft(client, resident, form_page):
    wizard = Wizard(client, form_page)
    wizard.answer("Zwerfafval", "Zakken")
    wizard.answer("Markt", "anna@example.nl", "")
    assert Draft.objects.exists()

    wizard.submit()

    assert not Draft.objects.exists()


@pytest.fixture
def anonymous_form(home):
    return FormPageFactory(
        parent=home,
        login_required=False,
        steps=json.dumps(
            [
                step("Uw vraag", field("Vraag", "textarea")),
                step("Contact", field("E-mailadres", "email")),
            ]
        ),
    )


def _ask_resume_link(client, page, on_this_page="piet@"):
    wizard = Wizard(client, page)
    wizard.answer("Wanneer komt de veegwagen?")
    assert 'name="opslaan"' in wizard.content
    # "Opslaan en later verder gaan" with something typed on this page, not yet valid.
    saved = wizard.post({wizard.names()[0]: on_this_page, "opslaan": "1"}, follow=False)
    url = page.url + "verder-invullen/"
    assert saved["Location"] == url
    assert "Gebruik de link binnen 3 dagen" in client.get(url).content.decode()
    return client.post(url, {"email": "piet@example.nl"})


def test_anonymous_resident_resumes_by_a_single_use_link(
    client, anonymous_form, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _ask_resume_link(client, anonymous_form)

    assert "Wij sturen u een link" in response.content.decode()
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Wanneer komt de veegwagen?" not in body
    link = re.search(r"https?://\S+/hervatten/\S+/", body).group(0)
    path = "/" + link.split("/", 3)[3]

    client.cookies.clear()  # another browser, later
    response = client.get(path, follow=True)
    # Welcomed once, not by the link and again by the form.
    assert response.content.decode().count("Welkom terug") == 1
    assert "u gaat verder waar u was" in response.content.decode()
    assert "Contact" in response.content.decode()
    # What was on the page when it was saved is there too.
    assert 'value="piet@"' in response.content.decode()

    client.cookies.clear()
    used_again = client.get(path)
    assert used_again.status_code == 404
    assert "Deze link werkt niet meer" in used_again.content.decode()


def test_a_tampered_or_expired_resume_link_is_refused(
    client, anonymous_form, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _ask_resume_link(client, anonymous_form)
    link = re.search(r"https?://\S+/hervatten/(\S+)/", mail.outbox[0].body).group(1)
    tampered = link[:-3] + ("AAA" if not link.endswith("AAA") else "BBB")

    assert client.get(f"{anonymous_form.url}hervatten/{tampered}/").status_code == 404
    with time_machine.travel(timezone.now() + dt.timedelta(hours=73)):
        assert client.get(f"{anonymous_form.url}hervatten/{link}/").status_code == 404


def test_resume_link_needs_a_valid_email(client, anonymous_form):
    wizard = Wizard(client, anonymous_form)
    wizard.answer("Vraag")

    response = client.post(anonymous_form.url + "verder-invullen/", {"email": "geen"})

    assert response.status_code == 400
    assert "Vul een geldig e-mailadres in" in response.content.decode()
    assert not Draft.objects.exists()


def test_drafts_expire_after_30_days_without_activity_with_a_reminder_first(
    client, resident, form_page, django_capture_on_commit_callbacks
):
    Wizard(client, form_page).answer("Zwerfafval", "Zakken")
    mail.outbox.clear()

    now = timezone.now()
    with (
        time_machine.travel(now + dt.timedelta(days=26)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert drafts_send_reminders() == 0
    with (
        time_machine.travel(now + dt.timedelta(days=27, hours=1)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert drafts_send_reminders() == 1
        assert drafts_send_reminders() == 0
    assert len(mail.outbox) == 1
    assert "nog niet verzonden" in mail.outbox[0].subject
    assert mail.outbox[0].to == ["anna@example.nl"]

    with time_machine.travel(timezone.now() + dt.timedelta(days=29)):
        assert drafts_expire() == 0
    with time_machine.travel(timezone.now() + dt.timedelta(days=30, minutes=1)):
        assert drafts_expire() == 1
    assert not Draft.objects.exists()


def test_activity_moves_the_expiry_date(client, resident, form_page):
    wizard = Wizard(client, form_page)
    wizard.answer("Zwerfafval", "Zakken")
    first = Draft.objects.get().expires_at

    with time_machine.travel(timezone.now() + dt.timedelta(minutes=10)):
        wizard.answer("Markt", "anna@example.nl", "")

    assert Draft.objects.get().expires_at - first >= dt.timedelta(minutes=9)

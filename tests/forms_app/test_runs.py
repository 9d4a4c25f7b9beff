"""Form use is counted through the wizard itself (forms_app.services.stats): a run when the
form is opened, its last completed step, and whether it was sent. Nothing is stored for a
visitor who only looks: the step's form carries the run until the first answer."""

import pytest
from django.test import Client

from forms_app.models import FormRun
from forms_app.services import stats
from tests.forms_app.factories import FormPageFactory, key_of
from tests.forms_app.wizard_client import RUN_RE, Wizard

pytestmark = pytest.mark.django_db


@pytest.fixture
def anonymous_form(home):
    return FormPageFactory(parent=home, login_required=False)


def test_a_visitor_who_only_looks_is_counted_as_started_without_a_step(client, anonymous_form):
    Wizard(client, anonymous_form)

    run = FormRun.objects.get()
    assert (run.form_page_id, run.last_step, run.submitted_at) == (anonymous_form.pk, "", None)
    assert "sessionid" not in client.cookies


def test_a_run_follows_the_resident_through_the_steps_to_sending(client, anonymous_form):
    steps = anonymous_form.steps.raw_data
    wizard = Wizard(client, anonymous_form)
    wizard.answer("Zwerfafval", "Vuilniszakken")

    assert FormRun.objects.get().last_step == key_of(steps[0])

    wizard.answer("Hoofdstraat 1, Winsum", "anna@example.nl", "")
    assert FormRun.objects.get().last_step == key_of(steps[1])

    assert wizard.submit().status_code == 302
    run = FormRun.objects.get()
    assert run.submitted_at is not None
    assert run.submitted_at >= run.started_at


def test_a_wrong_first_answer_keeps_the_same_run(client, anonymous_form):
    wizard = Wizard(client, anonymous_form)
    token = RUN_RE.search(wizard.content).group(1)

    wizard.answer("", "")  # nothing chosen: the step again, with its errors

    assert "Er is een probleem" in wizard.content
    assert RUN_RE.search(wizard.content), "the page with errors carries the run on"
    wizard.answer("Zwerfafval", "Vuilniszakken")
    assert FormRun.objects.count() == 1
    run = FormRun.objects.get()
    assert run.last_step == key_of(anonymous_form.steps.raw_data[0])
    assert stats.run_from_token(token, page=anonymous_form) == (run.pk, True)


def test_a_logged_in_residents_run_is_counted_and_sent(client, resident, form_page):
    wizard = Wizard(client, form_page)
    wizard.answer("Zwerfafval", "Vuilniszakken")
    wizard.answer("Hoofdstraat 1, Winsum", "anna@example.nl", "")

    assert wizard.submit().status_code == 302
    run = FormRun.objects.get()
    assert run.last_step == key_of(form_page.steps.raw_data[1])
    assert run.submitted_at is not None


def test_a_run_token_of_another_form_or_forged_counts_for_nothing(home, anonymous_form):
    other = FormPageFactory(parent=home, login_required=False, slug="ander-formulier")
    token = stats.run_token(run_id=1, page=other, at_form_url=True)

    assert stats.run_from_token(token, page=other) == (1, True)
    assert stats.run_from_token(token, page=anonymous_form) is None
    assert stats.run_from_token(token[:-2] + "xx", page=other) is None
    assert stats.run_from_token("", page=other) is None

    # Sent with another form's run, a visit counts under none of them.
    wizard = Wizard(Client(), anonymous_form)
    answers = dict(zip(wizard.names(), ["Zwerfafval", "Vuilniszakken"], strict=False))
    wizard.post({**answers, "run": token})
    assert "Waar is het?" in wizard.content  # the answer itself is taken
    assert not FormRun.objects.exclude(last_step="").exists()

"""Form use is counted through the wizard itself (forms_app.services.stats): a run when the
form is opened, its last completed step, and whether it was sent; one run per visit."""

import pytest

from forms_app.models import FormRun, Upload
from tests.forms_app.factories import FormPageFactory, field, key_of, step
from tests.forms_app.test_uploads import PDF, upload_file
from tests.forms_app.wizard_client import Wizard

pytestmark = pytest.mark.django_db


@pytest.fixture
def anonymous_form(home):
    return FormPageFactory(parent=home, login_required=False)


def test_a_visitor_who_only_looks_is_counted_once_without_a_step(client, anonymous_form):
    wizard = Wizard(client, anonymous_form)
    # A reload (forms.js has put the step's URL in the address bar) and a second tab.
    client.get(wizard.step_url(key_of(anonymous_form.steps.raw_data[0])))
    client.get(anonymous_form.url)

    run = FormRun.objects.get()
    assert (run.form_page_id, run.last_step, run.submitted_at) == (anonymous_form.pk, "", None)


def test_a_run_follows_the_resident_through_the_steps_to_sending(client, anonymous_form):
    steps = anonymous_form.steps.raw_data
    wizard = Wizard(client, anonymous_form)
    wizard.answer("", "")  # nothing chosen: the step again, with its errors
    assert "Er is een probleem" in wizard.content
    wizard.answer("Zwerfafval", "Vuilniszakken")

    assert FormRun.objects.get().last_step == key_of(steps[0])

    wizard.answer("Hoofdstraat 1, Winsum", "anna@example.nl", "")
    assert FormRun.objects.get().last_step == key_of(steps[1])

    assert wizard.submit().status_code == 302
    run = FormRun.objects.get()
    assert run.submitted_at is not None
    assert run.submitted_at >= run.started_at


def test_a_logged_in_residents_run_is_counted_and_sent(client, resident, form_page):
    # Their draft is stored only with the first answer: the run waits in the session.
    wizard = Wizard(client, form_page)
    wizard.answer("Zwerfafval", "Vuilniszakken")
    wizard.answer("Hoofdstraat 1, Winsum", "anna@example.nl", "")

    assert wizard.submit().status_code == 302
    run = FormRun.objects.get()
    assert run.last_step == key_of(form_page.steps.raw_data[1])
    assert run.submitted_at is not None


def test_the_next_form_in_the_same_visit_is_a_new_run_and_back_still_works(client, anonymous_form):
    first = Wizard(client, anonymous_form)
    first.answer("Zwerfafval", "Vuilniszakken")
    first.answer("Hoofdstraat 1, Winsum", "anna@example.nl", "")
    first.submit()

    second = Wizard(client, anonymous_form)
    second.answer("Straatverlichting", "De lamp is kapot")
    # The browser's Back to the form's URL (without JavaScript): step 1 as it was shown.
    response = client.get(anonymous_form.url)

    assert FormRun.objects.count() == 2
    assert FormRun.objects.filter(submitted_at=None).get().last_step == key_of(
        anonymous_form.steps.raw_data[0]
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"/stap/{key_of(anonymous_form.steps.raw_data[0])}/")


@pytest.fixture
def upload_form(home):
    return FormPageFactory(
        parent=home,
        steps=[
            step(
                "Uw verklaring",
                field("Verklaring", "file", allowed_types=["pdf"], max_size_mb=5, max_files=1),
                field("Toelichting"),
            ),
            step("Contact", field("E-mailadres", "email")),
        ],
    )


def test_a_residents_file_added_on_a_first_step_with_an_error_stays_theirs(
    client, resident, upload_form, settings, tmp_path
):
    settings.FORMS_VIRUS_SCANNER = "forms_app.scanning.NoScanner"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path), "base_url": None},
        },
    }
    wizard = Wizard(client, upload_form)
    file_name, text_name = wizard.names()[:2]
    wizard.post({file_name: upload_file("verklaring.pdf", PDF), text_name: ""})
    assert "Er is een probleem" in wizard.content
    assert "verklaring.pdf" in wizard.content
    kept = Upload.objects.get().uuid

    # Sent again with the explanation filled in: the file listed on the page is still theirs.
    wizard.post({file_name: str(kept), text_name: "Zie bijlage"})

    assert "Er is een probleem" not in wizard.content
    assert "E-mailadres" in wizard.content
    wizard.response = client.get(wizard.step_url(key_of(upload_form.steps.raw_data[0])))
    assert "verklaring.pdf" in wizard.content

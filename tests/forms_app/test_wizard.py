import json

import pytest
from django.core import mail

from cases.models import Case
from contacts.models import ContactMoment
from forms_app.models import Draft, Submission
from tests.cms.factories import make_home
from tests.forms_app.conftest import log_in
from tests.forms_app.factories import FormPageFactory, default_steps, field, key_of, step
from tests.forms_app.wizard_client import Wizard

pytestmark = pytest.mark.django_db


def fill_default(wizard, soort="Straatverlichting", omschrijving="De lamp is kapot."):
    wizard.answer(soort, omschrijving)
    wizard.answer("Hoofdstraat 1, Winsum", "anna@example.nl", "")
    return wizard


def test_login_is_required_first(client, form_page):
    response = client.get(form_page.url)

    assert response.status_code == 302
    assert response["Location"].startswith("/mijn/inloggen/?next=")


def test_anonymous_form_needs_no_login(client, home):
    page = FormPageFactory(parent=home, login_required=False)

    wizard = Wizard(client, page)

    assert wizard.response.status_code == 200
    assert "Wat wilt u melden?" in wizard.content


def test_the_form_url_shows_step_1_at_once_posting_to_its_step_url(client, home):
    page = FormPageFactory(parent=home, login_required=False)
    steps = page.steps.raw_data

    wizard = Wizard(client, page)

    assert wizard.response.redirect_chain == []
    assert wizard.response.status_code == 200
    assert "Stap 1 van 3" in wizard.content
    assert '<a class="back-link utrecht-link" href="/">Terug</a>' in wizard.content
    assert 'data-testid="privacy-line"' in wizard.content
    assert wizard.action == wizard.step_url(key_of(steps[0]))
    # forms.js puts the step's URL in the address bar, for the browser's Back and reload.
    assert f'data-step-url="{wizard.action}"' in wizard.content
    wizard.answer("Zwerfafval", "Vuilniszakken")
    assert wizard.url == wizard.step_url(key_of(steps[1]))
    assert "Stap 2 van 3" in wizard.content
    assert "data-step-url" not in wizard.content


def test_a_wrong_answer_to_step_1_from_the_form_url_shows_at_the_step_url(client, home):
    page = FormPageFactory(parent=home, login_required=False)
    wizard = Wizard(client, page)

    wizard.answer("", "")

    assert wizard.response.status_code == 200
    assert wizard.url == wizard.step_url(key_of(page.steps.raw_data[0]))
    assert "<title>Fout: " in wizard.content
    assert "Er is een probleem" in wizard.content
    assert "Stap 1 van 3" in wizard.content


def test_the_form_url_and_its_steps_name_one_canonical_url(client, home):
    page = FormPageFactory(parent=home, login_required=False)
    canonical = f'<link rel="canonical" href="{page.full_url}">'
    wizard = Wizard(client, page)
    assert canonical in wizard.content

    step_1 = client.get(wizard.step_url(key_of(page.steps.raw_data[0])))

    assert canonical in step_1.content.decode()


def test_step_1_at_the_form_url_is_made_for_each_visitor(client, home):
    page = FormPageFactory(parent=home, login_required=False)
    client.get(page.url)
    client.cookies.clear()

    second = client.get(page.url)

    assert second.status_code == 200
    # Its CSRF token and session are this visitor's: never stored for the next one.
    assert second["X-Page-Cache"] == "miss"
    assert second.cookies.get("sessionid")


def test_back_to_the_form_url_in_the_same_visit_shows_step_1_again(client, home):
    page = FormPageFactory(parent=home, login_required=False)
    steps = page.steps.raw_data
    Wizard(client, page).answer("Zwerfafval", "Vuilniszakken")

    # Without JavaScript the browser's Back from step 2 asks the form's URL again: that page
    # showed step 1, so step 1 it is, with its answer, not a jump forward.
    back = client.get(page.url, follow=True)

    assert back.redirect_chain == [(f"{page.url}stap/{key_of(steps[0])}/", 302)]
    assert "Welkom terug" not in back.content.decode()
    assert "Stap 1 van 3" in back.content.decode()
    assert "Vuilniszakken" in back.content.decode()


def test_verder_invullen_continues_at_the_open_step(client, home):
    page = FormPageFactory(parent=home, login_required=False)
    steps = page.steps.raw_data
    Wizard(client, page).answer("Zwerfafval", "Vuilniszakken")

    again = client.get(f"{page.url}?verder", follow=True)

    assert again.redirect_chain == [(f"{page.url}stap/{key_of(steps[1])}/", 302)]
    assert "Welkom terug" in again.content.decode()
    assert "Stap 2 van 3" in again.content.decode()


def test_every_step_has_its_own_url_named_by_its_key(client, resident, form_page):
    steps = form_page.steps.raw_data
    wizard = Wizard(client, form_page)

    assert client.get(wizard.step_url(key_of(steps[0]))).status_code == 200
    wizard.answer("Zwerfafval", "Vuilniszakken")
    assert wizard.url == wizard.step_url(key_of(steps[1]))
    # Reload and the browser's Back button are plain GETs that show the saved answers.
    back = client.get(wizard.step_url(key_of(steps[0])))
    assert back.status_code == 200
    assert "Vuilniszakken" in back.content.decode()


def test_steps_then_check_answers_then_confirmation(
    client, resident, form_page, django_capture_on_commit_callbacks
):
    wizard = Wizard(client, form_page)
    assert "Stap 1 van 3" in wizard.content

    wizard.answer("Losliggende stoeptegel", "De tegel wiebelt.")
    assert "Waar is het?" in wizard.content
    wizard.answer("Hoofdstraat 12, Winsum", "anna@example.nl", "0595 447 777")
    assert "Controleer uw antwoorden" in wizard.content
    assert "De tegel wiebelt." in wizard.content
    assert "0595 447 777" in wizard.content

    with django_capture_on_commit_callbacks(execute=True):
        response = wizard.submit()

    assert response.status_code == 302
    confirmation = client.get(response["Location"]).content.decode()
    case = Case.objects.get()
    assert case.reference in confirmation
    assert "Wij hebben uw aanvraag ontvangen" in confirmation
    assert case.title == "Losliggende stoeptegel – Hoofdstraat 12, Winsum"
    assert case.resident == resident
    assert case.contact_moments.get().channel == "web"
    answers = Submission.objects.get().answers
    by_label = {answer["label"]: answer for answer in answers}
    assert by_label["Omschrijving"]["value"] == "De tegel wiebelt."
    assert by_label["Telefoonnummer"] == {
        "key": key_of(form_page.steps.raw_data[1]["value"]["fields"][2]),
        "step": key_of(form_page.steps.raw_data[1]),
        "type": "phone",
        "label": "Telefoonnummer",
        "value": "+31595447777",
    }
    assert len(mail.outbox) == 1
    assert case.reference in mail.outbox[0].body
    assert "Beste Anna de Vries" in mail.outbox[0].body
    assert "De tegel wiebelt." not in mail.outbox[0].body
    assert mail.outbox[0].to == ["anna@example.nl"]
    assert not Draft.objects.exists()


def test_without_an_email_address_the_confirmation_promises_no_answer(client, home):
    page = FormPageFactory(
        parent=home,
        login_required=False,
        steps=json.dumps([step("Wat is er?", field("Omschrijving", "textarea"))]),
    )
    page.case_type.noun = "melding"
    page.case_type.save()
    wizard = Wizard(client, page)
    wizard.answer("De lamp brandt niet.")

    content = wizard.submit(follow=True).content.decode()

    assert "antwoord van ons" not in content
    assert "Wij handelen uw melding uiterlijk op" in content
    assert "Daarom krijgt u van ons geen bericht over uw melding." in content


def test_the_case_type_noun_is_used_in_every_text(client, resident, form_page):
    form_page.case_type.noun = "melding"
    form_page.case_type.save()
    wizard = fill_default(Wizard(client, form_page))

    response = wizard.submit(follow=True)

    assert "Wij hebben uw melding ontvangen" in response.content.decode()


def test_email_is_prefilled_from_the_profile(client, resident, form_page):
    wizard = Wizard(client, form_page)
    wizard.answer("Zwerfafval", "Zakken")

    assert 'value="anna@example.nl"' in wizard.content


def test_missing_answers_get_a_dutch_error_summary(client, resident, form_page):
    wizard = Wizard(client, form_page)

    wizard.post({})

    content = wizard.content
    assert "<title>Fout: " in content
    assert "Er is een probleem" in content
    assert "Kies soort melding" in content
    assert "Vul in: omschrijving" in content
    assert 'aria-invalid="true"' in content
    assert "Stap 1 van 3" in content
    # The summary link of a radio group points at its first radio button, which exists.
    radio_name = wizard.names()[0]
    assert f'href="#id_{radio_name}_0"' in content
    assert f'id="id_{radio_name}_0"' in content


def test_invalid_email_and_phone_are_explained(client, resident, form_page):
    wizard = Wizard(client, form_page)
    wizard.answer("Zwerfafval", "Zakken")

    wizard.answer("Markt", "geen-email", "bel me")

    assert "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl." in wizard.content
    assert "Vul een geldig telefoonnummer in, bijvoorbeeld 0595 447 777." in wizard.content


def test_choice_outside_the_options_is_refused(client, resident, form_page):
    wizard = Wizard(client, form_page)

    wizard.answer("<script>alert(1)</script>", "x")

    assert "Kies een van de opties." in wizard.content
    assert "<script>alert(1)</script>" not in wizard.content


def test_text_with_script_is_stored_as_text_and_escaped(client, resident, form_page):
    wizard = Wizard(client, form_page)
    wizard.answer("Zwerfafval", "<script>alert(1)</script>")
    wizard.answer("Markt", "anna@example.nl", "")

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in wizard.content
    assert "<script>alert(1)</script>" not in wizard.content
    wizard.submit()
    stored = {a["label"]: a["value"] for a in Submission.objects.get().answers}
    assert stored["Omschrijving"] == "<script>alert(1)</script>"


def test_newlines_in_a_single_line_answer_are_refused(client, resident, form_page):
    wizard = Wizard(client, form_page)
    wizard.answer("Zwerfafval", "Zakken")

    wizard.answer("Markt\r\nBcc: x@example.org", "anna@example.nl\r\nBcc: x@example.org", "")

    assert (
        wizard.content.count("Gebruik geen enters")
        + wizard.content.count("Vul een geldig e-mailadres")
        >= 2
    )
    assert "Controleer uw antwoorden" not in wizard.content


def test_text_over_the_limit_is_refused(client, resident, home):
    page = FormPageFactory(
        parent=home, steps=json.dumps([step("Vraag", field("Naam", max_length=10))])
    )
    wizard = Wizard(client, page)

    wizard.answer("Een veel te lange naam")

    assert "Gebruik maximaal 10 tekens (nu 22)." in wizard.content


def test_change_link_comes_back_to_the_check_page(client, resident, form_page):
    wizard = fill_default(Wizard(client, form_page))
    first_step = key_of(form_page.steps.raw_data[0])

    wizard.response = client.get(wizard.step_url(first_step) + "?terug=controleren")
    assert "De lamp is kapot." in wizard.content
    # The back link goes back to the check page too, not to the step before.
    back = f'<a class="back-link utrecht-link" href="{wizard.step_url("controleren")}">'
    assert back + "Terug naar uw antwoorden</a>" in wizard.content
    wizard.answer("Straatverlichting", "De lamp knippert.")

    assert "Controleer uw antwoorden" in wizard.content
    assert "De lamp knippert." in wizard.content


def test_jumping_ahead_by_url_goes_to_the_first_incomplete_step(client, resident, form_page):
    steps = form_page.steps.raw_data
    wizard = Wizard(client, form_page)

    response = client.get(wizard.step_url("controleren"))
    assert response["Location"] == wizard.step_url(key_of(steps[0]))
    response = client.get(wizard.step_url(key_of(steps[1])))
    assert response["Location"] == wizard.step_url(key_of(steps[0]))
    response = client.get(wizard.step_url("bestaat-niet"))
    assert response["Location"] == wizard.step_url(key_of(steps[0]))


def test_submit_without_the_earlier_steps_starts_over(client, resident, form_page):
    wizard = Wizard(client, form_page)

    wizard.submit(key="3b241101-e2bb-4255-8caf-4136c566a962", follow=True)

    assert not Case.objects.exists()
    assert "Stap 1 van 3" in wizard.content


def test_double_submit_opens_one_case_and_shows_the_same_reference(client, resident, form_page):
    wizard = fill_default(Wizard(client, form_page))
    key = wizard.key()

    first = wizard.submit(key)
    second = wizard.submit(key)

    assert Case.objects.count() == 1
    assert Submission.objects.count() == 1
    assert first["Location"] == second["Location"]
    reference = Case.objects.get().reference
    assert reference in client.get(second["Location"]).content.decode()


def test_failed_submit_leaves_nothing_half_saved(client, resident, form_page, monkeypatch):
    wizard = fill_default(Wizard(client, form_page))

    def broken(**kwargs):
        raise RuntimeError("registratie faalt")

    monkeypatch.setattr("forms_app.services.submissions.Submission.objects.create", broken)
    with pytest.raises(RuntimeError):
        wizard.submit()

    assert not Case.objects.exists()
    assert not ContactMoment.objects.exists()
    assert not Submission.objects.exists()
    # The resident's answers are still there to try again.
    assert Draft.objects.filter(resident=resident).exists()


def test_confirmation_of_another_session_is_not_shown(client, resident, form_page):
    response = client.get(form_page.url + "bevestiging/")

    assert response.status_code == 302
    assert response["Location"] == form_page.url


def test_reordering_steps_of_a_live_form_keeps_the_answers_apart(client, resident, form_page):
    wizard = Wizard(client, form_page)
    wizard.answer("Zwerfafval", "Zakken bij de glasbak")
    steps = form_page.steps.raw_data
    reordered = [steps[1], steps[0]]
    reordered[1]["value"]["fields"][1]["value"]["label"] = "Wat ziet u?"
    form_page.steps = json.dumps(list(reordered))
    form_page.save()

    wizard = Wizard(client, form_page)

    # Step 1 is now "Waar is het?", still empty; the moved step keeps its answer.
    assert "Waar is het?" in wizard.content
    wizard.answer("Markt", "anna@example.nl", "")
    assert "Wat wilt u melden?" in wizard.content
    assert "Zakken bij de glasbak" in wizard.content
    assert "Wat ziet u?" in wizard.content
    wizard.answer("Zwerfafval", "Zakken bij de glasbak")
    assert "Controleer uw antwoorden" in wizard.content


def test_anonymous_resident_can_leave_an_email_for_updates(
    client, home, django_capture_on_commit_callbacks
):
    page = FormPageFactory(
        parent=home,
        login_required=False,
        steps=json.dumps([step("Uw vraag", field("Vraag", "textarea"))]),
    )
    wizard = Wizard(client, page)
    wizard.answer("Wanneer wordt het grofvuil opgehaald?")
    assert "E-mailadres voor updates" in wizard.content

    with django_capture_on_commit_callbacks(execute=True):
        wizard.submit(**{"controleren-email": "piet@example.nl"})

    assert Case.objects.get().email == "piet@example.nl"
    assert mail.outbox[0].to == ["piet@example.nl"]
    assert "Beste inwoner" in mail.outbox[0].body


def test_form_below_the_required_assurance_level_is_refused(client, home):
    from tests.contacts.factories import ResidentFactory

    page = FormPageFactory(parent=home, minimum_assurance="midden")
    log_in(client, ResidentFactory(), level="basis")

    response = client.get(page.url)

    assert response.status_code == 403
    content = response.content.decode()
    assert "U moet inloggen met een hoger niveau" in content
    assert "Midden" in content


def test_default_steps_helper_is_the_factory_default():
    assert len(default_steps()) == 2


def test_resident_without_home_page_still_gets_404_for_other_forms(client, resident):
    make_home()
    assert client.get("/bestaat-niet/").status_code == 404


def test_only_a_step_that_asks_for_a_file_sends_it_as_multipart(client, home):
    # A browser sends a multipart body only where the form asks for one: a step without a file
    # question posts a plain (urlencoded) form, which the server reads as any other.
    from urllib.parse import urlencode

    steps = [
        step("Wat wilt u melden?", field("Omschrijving", "textarea")),
        step("Foto", field("Foto", "file", required=False, allowed_types=["png"])),
    ]
    page = FormPageFactory(parent=home, login_required=False, steps=json.dumps(steps))
    wizard = Wizard(client, page)
    assert "<form" in wizard.content
    assert "multipart/form-data" not in wizard.content

    body = urlencode(
        {f"{wizard.prefix}-current_step": key_of(steps[0]), wizard.names()[0]: "Een lamp"}
    )
    wizard.response = client.post(
        wizard.action, body, content_type="application/x-www-form-urlencoded", follow=True
    )

    assert wizard.url == wizard.step_url(key_of(steps[1]))
    assert 'enctype="multipart/form-data"' in wizard.content
    wizard.answer()
    assert "Een lamp" in wizard.content  # the check page shows the urlencoded answer
    assert "multipart/form-data" not in wizard.content


def test_a_renamed_form_links_its_steps_under_the_new_address(client, home):
    # A new slug: every step links under the new address (step paths are kept per page class).
    page = FormPageFactory(parent=home, login_required=False, slug="melding-oud")
    first = Wizard(client, page)
    assert first.action.startswith("/melding-oud/stap/")

    page.slug = "melding-nieuw"
    page.save_revision().publish()
    page.refresh_from_db()
    client.cookies.clear()
    renamed = Wizard(client, page)

    assert renamed.action.startswith("/melding-nieuw/stap/")
    assert renamed.action.removeprefix("/melding-nieuw") == first.action.removeprefix(
        "/melding-oud"
    )

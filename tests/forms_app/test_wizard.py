import re

import pytest
from django.core import mail

from cases.models import Case
from contacts.models import ContactMoment
from forms_app.models import Submission
from tests.cms.factories import make_home
from tests.contacts.factories import ResidentFactory
from tests.forms_app.factories import FormPageFactory

pytestmark = pytest.mark.django_db
PREFIX_RE = re.compile(r'name="(form-\d+)-current_step"')


@pytest.fixture
def form_page():
    return FormPageFactory(parent=make_home())


@pytest.fixture
def resident(client):
    resident = ResidentFactory(name="Anna de Vries", email="anna@example.nl")
    client.force_login(resident.user)
    return resident


def _field_names(content):
    return list(dict.fromkeys(re.findall(r'name="(stap-\d-v_[0-9a-f]+)"', content)))


class Wizard:
    """Fill in a form page the way a browser would: one POST per step."""

    def __init__(self, client, page):
        self.client = client
        self.url = page.url
        self.response = client.get(self.url)
        self.prefix = PREFIX_RE.search(self.content).group(1)

    @property
    def content(self):
        return self.response.content.decode()

    def post(self, step, data, **extra):
        payload = {f"{self.prefix}-current_step": step, **data}
        self.response = self.client.post(self.url, payload, **extra)
        return self.response

    def step_1(self, soort="Straatverlichting", omschrijving="De lamp is kapot."):
        names = _field_names(self.content)
        return self.post("stap-1", {names[0]: soort, names[1]: omschrijving})

    def step_2(self, locatie="Hoofdstraat 1, Winsum", email="anna@example.nl", telefoon=""):
        names = _field_names(self.content)
        return self.post("stap-2", {names[0]: locatie, names[1]: email, names[2]: telefoon})

    def key(self):
        return re.search(r'name="controleren-idempotency_key" value="([^"]+)"', self.content).group(
            1
        )

    def submit(self, key=None):
        return self.post("controleren", {"controleren-idempotency_key": key or self.key()})


def test_login_is_required_first(client, form_page):
    response = client.get(form_page.url)

    assert response.status_code == 302
    assert response["Location"].startswith("/mijn/inloggen/?next=")


def test_anonymous_form_needs_no_login(client):
    page = FormPageFactory(parent=make_home(), login_required=False)

    response = client.get(page.url)

    assert response.status_code == 200
    assert "Wat wilt u melden?" in response.content.decode()


def test_steps_then_check_answers_then_confirmation(
    client, resident, form_page, django_capture_on_commit_callbacks
):
    wizard = Wizard(client, form_page)
    assert "Stap 1 van 3" in wizard.content

    wizard.step_1()
    assert "Waar is het?" in wizard.content
    wizard.step_2()
    assert "Controleer uw antwoorden" in wizard.content
    assert "De lamp is kapot." in wizard.content
    assert "Hoofdstraat 1, Winsum" in wizard.content
    assert "Wijzigen" in wizard.content

    with django_capture_on_commit_callbacks(execute=True):
        response = wizard.submit()

    assert response.status_code == 302
    confirmation = client.get(response["Location"]).content.decode()
    case = Case.objects.get()
    assert case.reference in confirmation
    assert "Wij hebben uw aanvraag ontvangen" in confirmation
    assert case.resident == resident
    assert case.status.name == "Ontvangen"
    assert case.contact_moments.get().channel == "web"
    submission = Submission.objects.get()
    assert submission.answers[0]["answers"][1] == {
        "label": "Omschrijving",
        "value": "De lamp is kapot.",
    }
    assert len(mail.outbox) == 1
    assert case.reference in mail.outbox[0].body
    assert mail.outbox[0].to == ["anna@example.nl"]


def test_email_is_prefilled_from_the_profile(client, resident, form_page):
    wizard = Wizard(client, form_page)
    wizard.step_1()

    assert 'value="anna@example.nl"' in wizard.content


def test_missing_answers_get_a_dutch_error_summary(client, resident, form_page):
    wizard = Wizard(client, form_page)

    wizard.post("stap-1", {})

    content = wizard.content
    assert "<title>Fout: " in content
    assert "Er is een probleem" in content
    assert "Vul in: Omschrijving" in content
    assert 'aria-invalid="true"' in content
    assert "Stap 1 van 3" in content


def test_invalid_email_and_phone_are_explained(client, resident, form_page):
    wizard = Wizard(client, form_page)
    wizard.step_1()

    wizard.step_2(email="geen-email", telefoon="bel me")

    assert "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl." in wizard.content
    assert "Vul een telefoonnummer in, bijvoorbeeld 0595 447 777." in wizard.content


def test_choice_outside_the_options_is_refused(client, resident, form_page):
    wizard = Wizard(client, form_page)

    wizard.step_1(soort="<script>alert(1)</script>")

    assert "Kies een van de opties." in wizard.content
    assert "<script>alert(1)</script>" not in wizard.content


def test_change_link_goes_back_to_the_step_with_answers_kept(client, resident, form_page):
    wizard = Wizard(client, form_page)
    wizard.step_1()
    wizard.step_2()

    wizard.post("controleren", {"wizard_goto_step": "stap-1"})

    assert "Wat wilt u melden?" in wizard.content
    assert "De lamp is kapot." in wizard.content


def test_double_submit_opens_one_case_and_shows_the_same_reference(client, resident, form_page):
    wizard = Wizard(client, form_page)
    wizard.step_1()
    wizard.step_2()
    key = wizard.key()

    first = wizard.submit(key)
    second = wizard.submit(key)

    assert Case.objects.count() == 1
    assert Submission.objects.count() == 1
    assert first["Location"] == second["Location"]
    reference = Case.objects.get().reference
    assert reference in client.get(second["Location"]).content.decode()


def test_failed_submit_leaves_nothing_half_saved(client, resident, form_page, monkeypatch):
    wizard = Wizard(client, form_page)
    wizard.step_1()
    wizard.step_2()

    def broken(**kwargs):
        raise RuntimeError("registratie faalt")

    monkeypatch.setattr("forms_app.services.Submission.objects.create", broken)
    with pytest.raises(RuntimeError):
        wizard.submit()

    assert not Case.objects.exists()
    assert not ContactMoment.objects.exists()
    assert not Submission.objects.exists()


def test_confirmation_of_another_session_is_not_shown(client, resident, form_page):
    response = client.get(form_page.url + "bevestiging/")

    assert response.status_code == 302
    assert response["Location"] == form_page.url


def test_submit_without_the_earlier_steps_starts_over(client, resident, form_page):
    wizard = Wizard(client, form_page)

    wizard.submit(key="3b241101-e2bb-4255-8caf-4136c566a962")

    assert not Case.objects.exists()
    assert "Stap 1 van 3" in wizard.content

import datetime as dt
import io
import json
import re

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from cases.models import Case
from cms.models import ServicePage
from contacts.calendar import add_working_days
from contacts.crypto import bsn_hash
from contacts.models import Resident
from forms_app.constants import CHECK_STEP
from forms_app.models import FormPage
from tests.contacts.factories import ResidentFactory
from tests.forms_app.conftest import log_in
from tests.forms_app.wizard_client import Wizard

pytestmark = pytest.mark.django_db

# Form title: (case type noun, team slug, answer time, login, minimum level). The answer times
# in weeks are the ones the pages promise ("binnen 6 weken", "binnen 8 weken"; the Awb's).
DAYS, WEEKS = "working_days", "weeks"
DEMO_FORMS = {
    "Melding openbare ruimte doen": ("melding", "openbare-ruimte", (5, DAYS), False, "basis"),
    "Vraag stellen": ("vraag", "informatie", (5, DAYS), False, "basis"),
    "Klacht indienen": ("klacht", "informatie", (6, WEEKS), True, "basis"),
    "Verhuizing doorgeven": ("melding", "burgerzaken", (5, DAYS), True, "midden"),
    "Gehandicaptenparkeerkaart aanvragen": ("aanvraag", "wmo", (8, WEEKS), True, "midden"),
    "Kwijtschelding aanvragen": ("aanvraag", "belastingen", (8, WEEKS), True, "midden"),
}


def _answer(wizard, *values):
    """Post the current step with values for its inputs in order (address and date parts too)."""
    names = re.findall(r'name="(s_[0-9a-f]+-v_[0-9a-f]+(?:_[a-z]+)?)"', wizard.content)
    return wizard.post(dict(zip(dict.fromkeys(names), values, strict=False)))


def _seed():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def _row_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {"auth", "contacts", "cases", "forms_app", "cms", "wagtailcore", "oauth2_provider"}
    }


def test_seed_twice_changes_nothing():
    _seed()
    after_first = _row_counts()

    _seed()

    assert _row_counts() == after_first


def test_seed_prints_the_demo_logins():
    output = _seed()

    assert "beheerder" in output
    assert "openbareruimte" in output
    assert "burgerzaken" in output
    for person in settings.DIGID_MOCK_PERSONS:
        assert person["bsn"] in output


def test_demo_residents_are_known_by_their_bsn_hash():
    _seed()

    for person in settings.DIGID_MOCK_PERSONS:
        assert Resident.objects.get(bsn_hash=bsn_hash(person["bsn"])).name == person["name"]


def test_home_service_and_form_pages_are_served(client):
    _seed()

    home = client.get("/")
    service = client.get("/producten-en-diensten/melding-openbare-ruimte/")

    assert home.status_code == 200
    assert "Melding openbare ruimte" in home.content.decode()
    assert service.status_code == 200
    form_url = "/producten-en-diensten/melding-openbare-ruimte/melding-doen/"
    assert f'href="{form_url}"' in service.content.decode()
    assert "Regel het online" in service.content.decode()


def test_every_demo_form_is_valid_live_linked_and_starts(client):
    _seed()
    forms = FormPage.objects.live().specific()

    assert sorted(form.title for form in forms) == sorted(DEMO_FORMS)
    for form in forms:
        noun, team, answer_time, login_required, level = DEMO_FORMS[form.title]
        form.clean()  # raises ValidationError with the definition's problems
        assert form.definition.errors() == [], form.title
        assert (form.case_type.noun, form.case_type.team.slug) == (noun, team), form.title
        case_type = form.case_type
        assert (case_type.lead_time, case_type.lead_time_unit) == answer_time, form.title
        assert (form.login_required, form.minimum_assurance) == (login_required, level)
        assert form.confirmation_text and form.next_steps, form.title
        service = ServicePage.objects.live().get(form_page=form)
        assert form.get_parent().pk == service.pk
        assert f'href="{form.url}"' in client.get(service.url).content.decode(), form.title

        response = client.get(form.url)

        first_step = form.definition.steps[0]
        if login_required:
            assert response.status_code == 302, form.title
            assert response["Location"].startswith("/mijn/inloggen/"), form.title
        else:
            # The first step at once, its form posting to the step's own URL.
            assert response.status_code == 200, form.title
            content = response.content.decode()
            assert f'action="{form.url}stap/{first_step.key}/"' in content, form.title
            assert first_step.title in content


def test_every_demo_form_case_type_has_its_own_team_group():
    _seed()

    for form in FormPage.objects.live().specific():
        assert form.case_type.team.group.permissions.filter(codename="change_case").exists()
    assert FormPage.objects.values("case_type").distinct().count() == len(DEMO_FORMS)


def test_reseeding_restores_a_changed_demo_form_with_the_same_answer_keys():
    _seed()
    form = FormPage.objects.get(slug="melding-doen")
    keys = list(form.definition.fields)
    FormPage.objects.filter(pk=form.pk).update(steps=json.dumps([]), login_required=True)

    _seed()

    form = FormPage.objects.get(pk=form.pk)
    assert not form.login_required
    assert list(form.definition.fields) == keys
    assert ServicePage.objects.get(form_page=form).live


def test_melding_by_someone_not_logged_in_gets_type_and_address_as_title(client):
    _seed()
    form = FormPage.objects.get(slug="melding-doen")
    wizard = Wizard(client, form)

    _answer(wizard, "Kapotte straatverlichting", "De lamp brandt niet.")
    _answer(wizard)  # no photo
    _answer(wizard, "9951 AA", "12", "", "Bij het bushokje")
    _answer(wizard, "melder@example.nl")
    assert "Controleer uw antwoorden" in wizard.content
    response = wizard.submit(follow=True)

    assert "Wij hebben uw melding ontvangen" in response.content.decode()
    case = Case.objects.get()
    assert case.title == "Kapotte straatverlichting – Hoofdstraat 12, Winsum"
    assert (case.team.slug, case.email) == ("openbare-ruimte", "melder@example.nl")
    assert case.resident is None


def test_kwijtschelding_asks_about_children_only_of_a_single_parent(client):
    _seed()
    resident = ResidentFactory(name="Anna de Vries", email="anna@example.nl")
    log_in(client, resident)
    form = FormPage.objects.get(slug="aanvragen", title="Kwijtschelding aanvragen")
    steps = {step.title: step.key for step in form.definition.steps}
    wizard = Wizard(client, form)

    _answer(wizard, "123456789")
    _answer(wizard, "Alleenstaande ouder")
    assert wizard.url == wizard.step_url(steps["Uw kinderen"])
    _answer(wizard, "2", "ja", "150,00")
    assert wizard.url == wizard.step_url(steps["Uw inkomen"])
    _answer(wizard, "ja", "Uitkering, bijvoorbeeld bijstand of WW", "1180,50")
    _answer(wizard, "240,00", "nee")
    _answer(wizard)  # no bank statements now
    _answer(wizard, "anna@example.nl", "", "on")
    assert wizard.url == wizard.step_url(CHECK_STEP)
    assert "Inkomen van uw partner" not in wizard.content
    response = wizard.submit(follow=True)

    assert "Wij hebben uw aanvraag ontvangen" in response.content.decode()
    case = Case.objects.get()
    assert (case.team.slug, case.resident) == ("belastingen", resident)
    # "Binnen 8 weken", as the page says: 8 weeks on, or the next working day.
    eight_weeks = timezone.localdate() + dt.timedelta(weeks=8)
    assert eight_weeks <= case.due_on <= add_working_days(eight_weeks, 1)


def test_kwijtschelding_asks_no_amount_of_someone_without_income(client):
    _seed()
    log_in(client, ResidentFactory(name="Anna de Vries", email="anna@example.nl"))
    form = FormPage.objects.get(slug="aanvragen", title="Kwijtschelding aanvragen")
    steps = {step.title: step.key for step in form.definition.steps}
    wizard = Wizard(client, form)
    _answer(wizard, "123456789")
    _answer(wizard, "Alleenstaand")
    assert wizard.url == wizard.step_url(steps["Uw inkomen"])

    _answer(wizard, "nee", "", "")

    assert wizard.url == wizard.step_url(steps["Spaargeld en bezit"])


def _report_a_move(client):
    resident = ResidentFactory(name="Anna de Vries", email="anna@example.nl")
    log_in(client, resident, level="midden")
    wizard = Wizard(client, FormPage.objects.get(slug="doorgeven"))
    moving_day = timezone.localdate() + dt.timedelta(days=7)
    # The name is prefilled and read-only: whatever is posted for it does not count.
    _answer(wizard, "Iemand anders", "ja", "Tom de Vries, 3 maart 2016")
    day, month, year = moving_day.day, moving_day.month, moving_day.year
    _answer(wizard, "9781 AB", "5", "", str(day), str(month), str(year), "nee")
    _answer(wizard, "anna@example.nl", "06 12345678")
    assert wizard.url == wizard.step_url(CHECK_STEP)
    wizard.submit(follow=True)
    return resident, Case.objects.get()


def test_a_move_is_a_melding_for_burgerzaken_with_the_name_from_the_profile(client):
    _seed()

    resident, case = _report_a_move(client)

    assert (case.title, case.team.slug, case.resident) == (
        "Verhuizing doorgeven",
        "burgerzaken",
        resident,
    )
    answers = {answer["label"]: answer["value"] for answer in case.submission.answers}
    assert answers["Uw naam"] == "Anna de Vries"
    assert answers["Nieuw adres"]["street"] == "Stationsweg"
    assert answers["Telefoonnummer"] == "+31612345678"


def test_burgerzaken_opens_a_reported_move(client):
    _seed()
    _, case = _report_a_move(client)
    client.logout()
    client.force_login(get_user_model().objects.get(username="burgerzaken"))

    response = client.get(f"/admin/cases/case/edit/{case.pk}/")

    assert response.status_code == 200
    assert "Stationsweg 5, 9781 AB Bedum" in response.content.decode()


def test_an_office_gets_shorter_christmas_hours_only_on_a_day_it_is_open():
    from cms.models import LocationPage

    _seed()

    for office in LocationPage.objects.all():
        open_days = {hours.weekday for hours in office.hours.all()}
        for exception in office.exceptions.all():
            assert exception.closed or exception.date.weekday() in open_days, (
                office.slug,
                exception.date,
            )
    winsum = LocationPage.objects.get(slug="gemeentehuis-winsum")
    assert winsum.exceptions.exists()

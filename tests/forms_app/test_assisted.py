"""Assisted digital: staff fill in a form for a resident during a call or at the counter."""

import pytest
from django.contrib.auth.models import Permission

from cases.models import Case
from contacts.crypto import bsn_hash
from contacts.models import AccessLogEntry, Resident
from forms_app.models import Submission
from tests.contacts.factories import ResidentFactory, TeamFactory
from tests.forms_app.conftest import log_in
from tests.forms_app.wizard_client import Wizard

pytestmark = pytest.mark.django_db
BSN = "999990019"


@pytest.fixture
def informatie(client, staff_of):
    user = staff_of(TeamFactory(name="Informatie", slug="informatie"), first_name="Ilse")
    user.user_permissions.add(Permission.objects.get(codename="add_submission"))
    client.force_login(user)
    return user


def test_staff_fill_in_a_digid_form_for_a_resident_by_phone(client, informatie, form_page):
    anna = ResidentFactory(bsn=BSN, name="Anna de Vries")

    response = client.post(
        f"/admin/formulieren/{form_page.pk}/namens/", {"bsn": BSN, "channel": "phone"}
    )
    assert response.status_code == 302
    wizard = Wizard(client, form_page)
    assert "U vult dit formulier in namens" in wizard.content
    wizard.answer("Zwerfafval", "Zakken bij de glasbak")
    # Staff finish the call: no "later verder gaan" (it would not save for them anyway).
    assert "Opslaan en later verder gaan" not in wizard.content
    wizard.answer("Markt", "anna@example.nl", "")
    done = wizard.submit(follow=True)

    assert "Wij hebben uw aanvraag ontvangen" in done.content.decode()
    submission = Submission.objects.get()
    assert submission.resident == anna
    assert submission.channel == "phone"
    assert submission.intermediary == informatie
    contact = Case.objects.get().contact_moments.get()
    assert contact.channel == "phone" and contact.registered_by == informatie
    assert AccessLogEntry.objects.filter(resident=anna, user=informatie).exists()


def test_the_resident_sees_it_marked_as_filled_in_by_phone(client, informatie, form_page):
    ResidentFactory(bsn=BSN)
    client.post(f"/admin/formulieren/{form_page.pk}/namens/", {"bsn": BSN, "channel": "counter"})
    wizard = Wizard(client, form_page)
    wizard.answer("Zwerfafval", "Zakken")
    wizard.answer("Markt", "anna@example.nl", "")
    wizard.submit()
    anna = Resident.objects.get(bsn_hash=bsn_hash(BSN))
    client.logout()
    log_in(client, anna)

    case = Case.objects.get()
    content = client.get(f"/mijn/aanvragen/{case.reference}/").content.decode()

    assert "ingediend via de balie" in content


def test_helping_the_next_resident_starts_with_an_empty_form(client, informatie, form_page):
    ResidentFactory(bsn=BSN)
    client.post(f"/admin/formulieren/{form_page.pk}/namens/", {"bsn": BSN, "channel": "phone"})
    Wizard(client, form_page).answer("Zwerfafval", "Zakken van de vorige beller")

    # As the browser does: on to the form's start.
    client.post(
        f"/admin/formulieren/{form_page.pk}/namens/",
        {"bsn": "999990020", "channel": "phone"},
        follow=True,
    )
    wizard = Wizard(client, form_page)

    assert "Zakken van de vorige beller" not in wizard.content
    assert "Stap 1 van" in wizard.content


def test_an_invalid_bsn_is_refused_in_dutch(client, informatie, form_page):
    response = client.post(
        f"/admin/formulieren/{form_page.pk}/namens/", {"bsn": "123456789", "channel": "phone"}
    )

    assert response.status_code == 400
    assert "Dit is geen geldig burgerservicenummer." in response.content.decode()


def test_staff_without_the_permission_cannot_assist(client, staff_of, form_page):
    client.force_login(staff_of(TeamFactory()))

    assert client.get(f"/admin/formulieren/{form_page.pk}/namens/").status_code in (302, 403)
    # And the form still asks for DigiD: no assisted session was started.
    assert client.get(form_page.url)["Location"].startswith("/mijn/inloggen/")

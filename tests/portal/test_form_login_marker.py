"""A form that needs DigiD counts only a session the identity provider opened.

The portal already refuses a resident's own user logged in with a password; the form wizard
reads the same marker (``contacts.constants.SESSION_PORTAL_AUTH``), so a password or staff
session never passes a form's login requirement, whatever else the session holds.
"""

import pytest

from contacts.constants import SESSION_ASSURANCE_LEVEL
from tests.cms.factories import make_home
from tests.contacts.factories import ResidentFactory, UserFactory
from tests.forms_app.conftest import log_in
from tests.forms_app.factories import FormPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page():
    return FormPageFactory(parent=make_home(), login_required=True, minimum_assurance="basis")


def _password_session(client, user, **session_data):
    client.force_login(user)
    session = client.session
    session.update(session_data)
    session.save()


def test_a_residents_password_session_is_sent_to_the_digid_login(client, page):
    _password_session(client, ResidentFactory().user)

    response = client.get(page.url)

    assert response.status_code == 302
    assert response["Location"].startswith("/mijn/inloggen/")


def test_a_password_session_holding_an_assurance_level_is_still_sent_to_the_login(client, page):
    _password_session(client, ResidentFactory().user, **{SESSION_ASSURANCE_LEVEL: "hoog"})

    response = client.get(page.url)

    assert response.status_code == 302
    assert response["Location"].startswith("/mijn/inloggen/")


def test_a_staff_session_is_sent_to_the_login(client, page):
    # A staff member who is also a resident (an employee living in Het Hogeland): without the
    # identity provider's marker the wizard must still not treat it as a login.
    staff = UserFactory(is_staff=True, is_superuser=True)
    ResidentFactory(user=staff)
    _password_session(client, staff, **{SESSION_ASSURANCE_LEVEL: "hoog"})

    response = client.get(page.url)

    assert response.status_code == 302
    assert response["Location"].startswith("/mijn/inloggen/")


def test_a_session_from_the_identity_provider_gets_the_form(client, page):
    log_in(client, ResidentFactory(), level="midden")

    response = client.get(page.url, follow=True)

    assert response.status_code == 200
    assert page.title in response.content.decode()

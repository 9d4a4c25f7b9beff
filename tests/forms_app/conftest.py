import pytest

from contacts.constants import SESSION_ASSURANCE_LEVEL
from tests.cms.factories import make_home
from tests.contacts.factories import ResidentFactory
from tests.forms_app.factories import FormPageFactory


@pytest.fixture
def home():
    return make_home()


@pytest.fixture
def form_page(home):
    return FormPageFactory(parent=home)


def log_in(client, resident, level="midden"):
    client.force_login(resident.user)
    session = client.session
    session[SESSION_ASSURANCE_LEVEL] = level
    session.save()


@pytest.fixture
def resident(client):
    resident = ResidentFactory(name="Anna de Vries", email="anna@example.nl")
    log_in(client, resident)
    return resident

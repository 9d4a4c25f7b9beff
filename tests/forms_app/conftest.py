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
    """A resident session as the identity provider opens it (portal.session marks it)."""
    import time

    from portal.session import LOGGED_IN_AT, PORTAL_AUTH, PORTAL_AUTH_OIDC

    client.force_login(resident.user)
    session = client.session
    session[SESSION_ASSURANCE_LEVEL] = level
    session[PORTAL_AUTH] = PORTAL_AUTH_OIDC
    session[LOGGED_IN_AT] = time.time()
    session.save()


@pytest.fixture
def resident(client):
    resident = ResidentFactory(name="Anna de Vries", email="anna@example.nl")
    log_in(client, resident)
    return resident

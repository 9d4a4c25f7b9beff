import pytest

from tests.contacts.factories import TeamFactory


@pytest.fixture
def informatie():
    """Unit Informatie, which registers contacts for the whole municipality."""
    return TeamFactory(name="Informatie", slug="informatie")


@pytest.fixture
def employee(client, staff_of, informatie):
    """Ilse of unit Informatie, logged in to the admin."""
    user = staff_of(informatie, first_name="Ilse", last_name="Smit")
    client.force_login(user)
    return user

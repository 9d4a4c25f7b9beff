import pytest
from wagtail.test.utils.form_data import nested_form_data, rich_text

from cms.models import ServicePage
from tests.cms.factories import ServiceIndexPageFactory, make_home
from tests.contacts.factories import GroupFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def _service_form(**extra):
    return nested_form_data(
        {
            "title": "Hondenbelasting",
            "slug": "hondenbelasting",
            "summary": "Belasting voor wie een hond heeft.",
            "what": rich_text("<p>U betaalt per hond.</p>"),
            "related-TOTAL_FORMS": 0,
            "related-INITIAL_FORMS": 0,
            "related-MIN_NUM_FORMS": 0,
            "related-MAX_NUM_FORMS": 6,
            **extra,
        }
    )


def _add_url(parent):
    return f"/admin/pages/add/cms/servicepage/{parent.pk}/"


def test_a_page_without_an_owning_team_is_refused(admin_client):
    index = ServiceIndexPageFactory(parent=make_home())

    response = admin_client.post(_add_url(index), _service_form())

    assert response.status_code == 200
    assert "Kies het team dat deze pagina actueel houdt." in response.content.decode()
    assert not ServicePage.objects.filter(slug="hondenbelasting").exists()


def test_a_page_with_an_owning_team_is_saved(admin_client):
    index = ServiceIndexPageFactory(parent=make_home())
    team = GroupFactory(name="Belastingen")

    response = admin_client.post(_add_url(index), _service_form(owner_group=team.pk))

    assert response.status_code == 302, response.content.decode()[:2000]
    assert ServicePage.objects.get(slug="hondenbelasting").owner_group == team

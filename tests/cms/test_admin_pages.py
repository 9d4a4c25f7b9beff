import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from wagtail.models import GroupPagePermission
from wagtail.test.utils.form_data import nested_form_data, rich_text

from cms.models import ServicePage
from cms.review import ownership_page_models
from tests.cms.factories import (
    ContentPageFactory,
    LocationPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    ServiceIndexPageFactory,
    ServicePageFactory,
    make_home,
)
from tests.contacts.factories import GroupFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def editor_in(*groups):
    """A member of staff who may add and change pages, in the given groups."""
    redactie = GroupFactory(name="Redactie")
    redactie.permissions.add(Permission.objects.get(codename="access_admin"))
    home = make_home()
    for permission_type in ("add", "change"):
        GroupPagePermission.objects.get_or_create(
            group=redactie,
            page=home,
            permission=Permission.objects.get(codename=f"{permission_type}_page"),
        )
    user = UserFactory(is_staff=True)
    user.groups.add(redactie, *groups)
    return user, home


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


def owner_select(html):
    return BeautifulSoup(html, "html.parser").find("select", attrs={"name": "owner_group"})


def test_a_page_without_an_owning_team_is_refused(admin_client):
    index = ServiceIndexPageFactory(parent=make_home())

    response = admin_client.post(_add_url(index), _service_form())

    assert response.status_code == 200
    assert "Kies het team dat deze pagina actueel houdt." in response.content.decode()
    assert not ServicePage.objects.filter(slug="hondenbelasting").exists()


def test_a_page_with_an_owning_team_is_saved(admin_client):
    index = ServiceIndexPageFactory(parent=make_home())
    team = TeamFactory(name="Belastingen")

    response = admin_client.post(_add_url(index), _service_form(owner_group=team.group.pk))

    assert response.status_code == 302, response.content.decode()[:2000]
    assert ServicePage.objects.get(slug="hondenbelasting").owner_group == team.group


# "Eigenaar (team)": on the first tab, required, only teams, the editor's team by default


def pages_of_every_type():
    home = make_home()
    services = ServiceIndexPageFactory(parent=home)
    news = NewsIndexPageFactory(parent=home)
    return [
        home,
        services,
        ServicePageFactory(parent=services),
        ContentPageFactory(parent=home),
        news,
        NewsPageFactory(parent=news),
        LocationPageFactory(parent=home),
    ]


def test_the_owning_team_is_on_the_first_tab_of_every_page_type(admin_client):
    for page in pages_of_every_type():
        html = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
        soup = BeautifulSoup(html, "html.parser")
        first_tab = soup.find(attrs={"role": "tabpanel"})

        assert first_tab.find("select", attrs={"name": "owner_group"}), type(page).__name__
        assert len(soup.find_all("select", attrs={"name": "owner_group"})) == 1


def test_every_page_type_with_an_owner_has_it_on_the_first_tab_only():
    for model in ownership_page_models():
        first, *others = model.get_edit_handler().children

        assert "owner_group" in first.get_form_options()["fields"], model.__name__
        for tab in others:
            assert "owner_group" not in tab.get_form_options().get("fields", []), model.__name__


def test_the_owning_team_is_marked_required(admin_client):
    index = ServiceIndexPageFactory(parent=make_home())

    html = admin_client.get(_add_url(index)).content.decode()

    select = owner_select(html)
    assert select.has_attr("required")
    label = BeautifulSoup(html, "html.parser").find("label", attrs={"for": select["id"]})
    assert "*" in label.get_text()


def test_only_teams_are_offered_as_owner(admin_client):
    index = ServiceIndexPageFactory(parent=make_home())
    TeamFactory(name="Burgerzaken")
    GroupFactory(name="Redactie")  # a Wagtail group, not a team

    options = [
        o.get_text(strip=True)
        for o in owner_select(admin_client.get(_add_url(index)).content.decode()).find_all("option")
    ]

    assert "Burgerzaken" in options
    assert "Redactie" not in options


def test_a_group_that_is_not_a_team_is_refused(admin_client):
    index = ServiceIndexPageFactory(parent=make_home())
    group = GroupFactory(name="Moderators")

    response = admin_client.post(_add_url(index), _service_form(owner_group=group.pk))

    assert response.status_code == 200
    assert not ServicePage.objects.filter(slug="hondenbelasting").exists()


def test_a_new_page_belongs_to_the_editors_team(client):
    team = TeamFactory(name="Belastingen")
    TeamFactory(name="Burgerzaken")
    user, home = editor_in(team.group)
    client.force_login(user)

    html = client.get(f"/admin/pages/add/cms/contentpage/{home.pk}/").content.decode()

    selected = owner_select(html).find("option", selected=True)
    assert selected.get_text(strip=True) == "Belastingen"


def test_without_a_team_a_new_page_belongs_to_the_team_of_its_parent(client):
    team = TeamFactory(name="Informatie")
    user, home = editor_in()
    home.owner_group = team.group
    home.save()
    client.force_login(user)

    html = client.get(f"/admin/pages/add/cms/contentpage/{home.pk}/").content.decode()

    assert owner_select(html).find("option", selected=True).get_text(strip=True) == "Informatie"


def test_an_existing_owner_is_kept(client):
    team = TeamFactory(name="Belastingen")
    other = TeamFactory(name="Wmo")
    user, home = editor_in(team.group)
    page = ContentPageFactory(parent=home, owner_group=other.group)
    client.force_login(user)

    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()

    assert owner_select(html).find("option", selected=True).get_text(strip=True) == "Wmo"


def test_the_last_check_reads_as_dutch_not_a_python_value(client):
    import datetime as dt

    team = TeamFactory(name="Belastingen")
    user, home = editor_in(team.group)
    page = ContentPageFactory(parent=home, owner_group=team.group)
    page.last_reviewed_on = dt.date(2026, 3, 5)
    page.save()
    client.force_login(user)

    new = client.get(f"/admin/pages/add/cms/contentpage/{home.pk}/").content.decode()
    checked = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()

    assert "None" not in BeautifulSoup(new, "html.parser").get_text()
    assert "Nog niet gecontroleerd" in new
    assert "5 maart 2026" in checked

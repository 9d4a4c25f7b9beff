"""The site header: made once per publish for anonymous visitors, per request for a resident."""

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from wagtail.models import Site

from cms.models import MunicipalitySettings
from tests.cms.factories import ContentPageFactory, ServicePageFactory, make_home
from tests.contacts.factories import ResidentFactory
from tests.forms_app.conftest import log_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(settings):
    settings.PAGE_CACHE_SECONDS = 0  # every request makes its page
    return make_home()


@pytest.fixture
def contact(home):
    return ContentPageFactory(parent=home, title="Contact", show_in_menus=True)


@pytest.fixture
def services(home):
    return ServicePageFactory(parent=home, title="Afval", show_in_menus=True)


def _header(response) -> str:
    content = response.content.decode()
    return re.search(r'<header class="site-header">.*?</header>', content, re.S)[0]


def _current(header: str) -> list[str]:
    return re.findall(r'aria-current="page">([^<]+)</a>', header)


def test_the_current_menu_item_is_marked_on_its_own_page_only(client, home, contact, services):
    assert _current(_header(client.get(contact.url))) == ["Contact"]
    assert _current(_header(client.get(services.url))) == ["Afval"]
    assert _current(_header(client.get(home.url))) == []
    # The copies kept in the process keep their own marking.
    assert _current(_header(client.get(contact.url))) == ["Contact"]


def test_a_publish_shows_the_changed_menu(client, home, contact):
    client.get(home.url)

    contact.title = "Contact en openingstijden"
    contact.save_revision().publish()
    ServicePageFactory(parent=home, title="Afval", show_in_menus=True)

    header = _header(client.get(home.url))
    assert ">Contact en openingstijden</a>" in header
    assert ">Afval</a>" in header


def test_changed_settings_show_in_the_header(client, home):
    client.get(home.url)

    municipality = MunicipalitySettings.for_site(Site.objects.get(is_default_site=True))
    municipality.name = "Gemeente Hogeland-Noord"
    municipality.save()

    logo = re.search(r'<a class="site-header__logo".*?</a>', _header(client.get(home.url)))[0]
    assert "Gemeente Hogeland-Noord" in logo


def test_the_search_query_is_in_the_box_of_the_search_page_only(client, home):
    search = _header(client.get("/zoeken/", {"q": "afval <b>"}))
    assert 'name="q" value="afval &lt;b&gt;"' in search

    assert 'name="q" value=""' in _header(client.get(home.url))


def test_a_resident_gets_their_own_name_and_a_logout_form_that_works(home, contact):
    Client().get(contact.url)  # an anonymous visitor first: the kept copy is made
    anna, bert = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    log_in(anna, ResidentFactory(name="Anna de Vries"))
    log_in(bert, ResidentFactory(name="Bert Bakker"))

    anna_header = _header(anna.get(contact.url))
    bert_header = _header(bert.get(contact.url))

    assert "Ingelogd als Anna de Vries" in anna_header
    assert "Anna" not in bert_header
    assert "Ingelogd als Bert Bakker" in bert_header
    assert _current(anna_header) == ["Contact"]
    token = re.search(
        r'<form method="post" action="/mijn/uitloggen/".*?'
        r'name="csrfmiddlewaretoken" value="([^"]+)"',
        anna_header,
        re.S,
    )[1]
    response = anna.post("/mijn/uitloggen/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert SESSION_KEY not in anna.session
    # An anonymous visitor after them gets neither a name nor a logout form.
    anonymous = _header(Client().get(contact.url))
    assert "Uitloggen" not in anonymous
    assert "csrfmiddlewaretoken" not in anonymous


def test_an_anonymous_header_is_made_once_per_publish_not_per_page_view(client, home, contact):
    def header_made(response) -> bool:
        return "includes/header.html" in [template.name for template in response.templates]

    first, second = client.get(home.url), client.get(home.url)
    assert header_made(first) and not header_made(second)
    assert _header(first) == _header(second)

    contact.title = "Contact en openingstijden"
    contact.save_revision().publish()
    after_publish = client.get(home.url)
    assert header_made(after_publish)
    assert "Contact en openingstijden" in _header(after_publish)


def test_the_shared_header_and_footer_are_made_from_nothing_of_the_first_visitor(
    client, home, contact, monkeypatch, django_user_model
):
    """The copies every visitor gets are made with a request that has the site only: a
    template that read the visitor (a name, a cookie, the query) could not leak it."""
    from cms.templatetags import site_chrome

    made_with = []
    render = site_chrome.render_to_string

    def spy(template_name, context=None, *args, **kwargs):
        made_with.append((template_name, context["request"]))
        return render(template_name, context, *args, **kwargs)

    monkeypatch.setattr(site_chrome, "render_to_string", spy)
    editor = django_user_model.objects.create_user("redacteur", password="x", is_staff=True)
    client.force_login(editor)
    client.cookies["voorkeur"] = "persoonlijk"

    response = client.get(contact.url + "?naam=Anna")

    assert response.status_code == 200
    assert {name for name, _request in made_with} == {
        "includes/header.html",
        "includes/footer.html",
    }
    for _name, request in made_with:
        assert not request.user.is_authenticated
        assert not hasattr(request, "session")
        assert not request.COOKIES and not request.GET
    # Still for the right site: the menu's links and current item are as usual.
    assert _current(_header(response)) == ["Contact"]


def test_the_request_a_shared_copy_is_made_from_is_the_sites_not_the_visitors(rf, settings, home):
    from cms.templatetags.site_chrome import site_only

    site = Site.objects.get(is_default_site=True)
    settings.ALLOWED_HOSTS = [site.hostname, "testserver"]
    request = rf.get(
        "/contact/?naam=Anna", secure=True, HTTP_HOST="testserver:4444", HTTP_COOKIE="a=b"
    )

    shared = site_only(request)

    assert shared.is_secure()
    assert Site.find_for_request(shared) == Site.find_for_request(request) == site
    # The port the visitor named is not in it: the site's own address is.
    assert shared.get_host() in (site.hostname, f"{site.hostname}:{site.port}")
    assert "4444" not in shared.get_host()
    assert not shared.COOKIES and not shared.GET

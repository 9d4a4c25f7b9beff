"""The breadcrumb links and the canonical URL in every page's head, kept until the next
publish: a renamed or moved section shows its new address at once."""

import re

import pytest
from wagtail.models import Site

from tests.cms.factories import ContentPageFactory, LocationPageFactory, make_home

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(settings):
    settings.PAGE_CACHE_SECONDS = 0
    home = make_home()
    contact = ContentPageFactory(parent=home, title="Contact", slug="contact")
    office = LocationPageFactory(parent=contact, title="Gemeentehuis Winsum", slug="winsum")
    return home, contact, office


def _crumbs(html):
    trail = html.split('class="breadcrumbs"')[1].split("</nav>")[0]
    return re.findall(r'<a class="utrecht-link" href="([^"]+)">([^<]+)</a>', trail)


def _canonical(html):
    return re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)


def test_a_page_links_its_trail_and_names_its_own_address(client, pages):
    html = client.get("/contact/winsum/").content.decode()

    assert _crumbs(html) == [("/", "Home"), ("/contact/", "Contact")]
    assert _canonical(html) == "http://localhost/contact/winsum/"
    # Served again (from what this process kept): the same links.
    assert client.get("/contact/winsum/").content.decode() == html


def test_a_renamed_section_shows_its_new_address_at_once(client, pages):
    _home, contact, _office = pages
    client.get("/contact/winsum/")

    contact.slug = "bereikbaarheid"
    contact.save_revision().publish()
    html = client.get("/bereikbaarheid/winsum/").content.decode()

    assert _crumbs(html) == [("/", "Home"), ("/bereikbaarheid/", "Contact")]
    assert _canonical(html) == "http://localhost/bereikbaarheid/winsum/"


def test_a_new_site_address_is_named_at_once(client, pages, settings):
    # The page's place in the tree stays: only the site's settings change.
    settings.ALLOWED_HOSTS = ["localhost", "testserver", "www.hethogeland.nl"]
    client.get("/contact/winsum/")
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "www.hethogeland.nl", 443
    site.save()

    html = client.get("/contact/winsum/", HTTP_HOST="www.hethogeland.nl").content.decode()

    assert _canonical(html) == "https://www.hethogeland.nl/contact/winsum/"

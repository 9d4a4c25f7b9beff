import datetime as dt

import pytest
from wagtail.models import PageViewRestriction

from tests.cms.factories import ContentPageFactory, ServicePageFactory, make_home


@pytest.fixture
def home():
    return make_home()


@pytest.mark.django_db
def test_sitemap_lists_live_public_pages_only(client, home):
    ServicePageFactory(parent=home, title="Paspoort", slug="paspoort")
    ServicePageFactory(parent=home, title="Concept", slug="concept", live=False)
    private = ContentPageFactory(parent=home, title="Intern", slug="intern")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    xml = response.content.decode()
    assert "<loc>http://localhost/</loc>" in xml
    assert "<loc>http://localhost/paspoort/</loc>" in xml
    assert "/concept/" not in xml
    assert "/intern/" not in xml


@pytest.mark.django_db
def test_robots_txt_keeps_crawlers_out_of_admin_and_portal_and_names_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /mijn/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


@pytest.mark.django_db
def test_security_txt_names_a_contact_and_expires_in_the_future(client):
    response = client.get("/.well-known/security.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines())
    assert fields["Contact"].startswith("mailto:")
    expires = dt.datetime.fromisoformat(fields["Expires"])
    now = dt.datetime.now(dt.UTC)
    # RFC 9116: in the future, and less than a year ahead.
    assert now < expires < now + dt.timedelta(days=365)

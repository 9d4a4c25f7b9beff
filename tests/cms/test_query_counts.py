"""Database queries per public page, made fresh (not from the page cache), on a site with
realistic content: a menu, top tasks, news, offices with hours, services that link to forms,
locations and each other, and an alert.

The numbers are ceilings: a change that adds a query per page (or per item on a page) fails
here before it slows the site down.
"""

import datetime as dt

import pytest
from django.core.cache import cache
from wagtail.models import PageViewRestriction

from cms.models import HomePageTopTask, OpeningException, ServicePageRelated
from cms.models.service_index import SERVICES_PER_PAGE
from tests.cms.factories import (
    AlertFactory,
    ContentPageFactory,
    LocationPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    ServiceIndexPageFactory,
    ServicePageFactory,
    add_weekday_hours,
    make_home,
)
from tests.forms_app.factories import FormPageFactory

MAX_QUERIES = 10


@pytest.fixture
def site(db, settings):
    settings.PAGE_CACHE_SECONDS = 0
    home = make_home()
    contact = ContentPageFactory(parent=home, title="Contact", show_in_menus=True)
    offices = [
        LocationPageFactory(parent=contact, title=name, city=city)
        for name, city in [("Gemeentehuis Winsum", "Winsum"), ("Servicepunt Bedum", "Bedum")]
    ]
    for office in offices:
        add_weekday_hours(office)
        OpeningException.objects.create(
            location=office, date=dt.date.today() + dt.timedelta(days=3), closed=True
        )
    index = ServiceIndexPageFactory(parent=home, show_in_menus=True)
    services = [ServicePageFactory(parent=index, title=f"Dienst {n}") for n in range(14)]
    form = FormPageFactory(parent=services[0], title="Paspoort aanvragen")
    passport = services[0]
    passport.form_page = form
    passport.by_phone = True
    passport.appointment_locations.set(offices)
    passport.save_revision().publish()
    for other in services[1:4]:
        ServicePageRelated.objects.create(service=passport, page=other)
    news_index = NewsIndexPageFactory(parent=home, show_in_menus=True)
    news = [NewsPageFactory(parent=news_index, title=f"Bericht {n}") for n in range(12)]
    for task in services[:3]:
        HomePageTopTask.objects.create(home=home, page=task)
    AlertFactory(title="Gladheid")
    # A private section elsewhere: pages must still be checked against it.
    private = ContentPageFactory(parent=home, title="Intern", show_in_menus=True)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    cache.clear()
    return {
        "home": home.url,
        "service index": index.url,
        "service page": passport.url,
        "location": offices[0].url,
        "content page": contact.url,
        "news index": news_index.url,
        "news item": news[0].url,
        "search": "/zoeken/?q=dienst",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    [
        "home",
        "service index",
        "service page",
        "location",
        "content page",
        "news index",
        "news item",
        "search",
    ],
)
def test_each_page_type_needs_at_most_ten_queries(
    client, site, name, django_assert_max_num_queries
):
    # The first request fills what is shared until the next publish (menu, footer,
    # restrictions); every later visitor pays only for the page itself.
    assert client.get(site[name]).status_code == 200

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(site[name])

    assert response.status_code == 200


@pytest.mark.django_db
def test_the_breadcrumbs_come_with_the_route(client, site, django_assert_max_num_queries):
    client.get(site["location"])

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(site["location"])

    crumbs = response.content.decode().split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert ">Home<" in crumbs
    assert ">Contact<" in crumbs
    assert "Gemeentehuis Winsum" in crumbs


@pytest.mark.django_db
def test_a_private_page_is_still_refused(client, site):
    response = client.get("/intern/")

    assert response.status_code == 302


@pytest.mark.django_db
def test_a_form_step_is_still_found_under_its_service(client, site):
    response = client.get(site["service page"])

    assert "Paspoort aanvragen" in response.content.decode()


@pytest.mark.django_db
def test_an_unknown_page_is_not_found(client, site):
    assert client.get(site["service page"] + "bestaat-niet/").status_code == 404
    assert client.get("/bestaat/niet/").status_code == 404


# The services overview stays the same size however many services there are.


@pytest.fixture
def many_services(db, settings):
    settings.PAGE_CACHE_SECONDS = 0
    home = make_home()
    index = ServiceIndexPageFactory(parent=home)
    words = ["Aanvraag", "Bewijs", "Container", "Melding", "Paspoort", "Subsidie", "Vergunning"]
    pages = [
        ServicePageFactory(parent=index, title=f"{words[n % len(words)]} {n:03d}")
        for n in range(200)
    ]
    return index, pages


@pytest.mark.django_db
def test_two_hundred_services_do_not_make_a_long_page(client, many_services):
    index, _pages = many_services

    html = client.get(index.url).content.decode()

    assert html.count('class="service-list__item"') == SERVICES_PER_PAGE
    assert 'href="?letter=p"' in html
    assert 'href="?pagina=2"' in html


@pytest.mark.django_db
def test_every_service_can_be_reached_from_the_overview(client, many_services):
    index, pages = many_services
    reached = set()
    for letter in "ABCMPSV":
        number, next_page = 1, True
        while next_page:
            html = client.get(index.url, {"letter": letter.lower(), "pagina": number}).content
            html = html.decode()
            reached |= {page.url for page in pages if f'href="{page.url}"' in html}
            next_page = 'rel="next"' in html
            number += 1

    assert reached == {page.url for page in pages}


@pytest.mark.django_db
def test_a_letter_shows_only_its_services(client, many_services):
    index, _pages = many_services

    html = client.get(index.url, {"letter": "v"}).content.decode()

    assert "Beginnend met V" in html
    assert "Vergunning 006" in html
    assert "Paspoort" not in html.split('class="service-list"')[1]
    assert 'aria-current="page">V<' in html


@pytest.mark.django_db
def test_the_overview_costs_the_same_queries_with_two_hundred_services(
    client, many_services, django_assert_max_num_queries
):
    index, _pages = many_services
    client.get(index.url)

    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(index.url, {"letter": "p", "pagina": 2})


@pytest.mark.django_db
def test_requests_naming_made_up_ports_do_not_slow_down_everyone_else(client, site):
    """The Host header is the visitor's: its port must not make new entries in the memo of
    sites, or a few dozen requests right after a publish would keep the real site out of it
    until the next one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cms.middleware.cache import purge_page_cache

    page = site["content page"]
    client.get(page)
    with CaptureQueriesContext(connection) as usual:
        client.get(page)

    purge_page_cache()  # a publish: a new generation, the memo starts empty
    for port in range(1000, 1050):
        assert client.get(page, HTTP_HOST=f"testserver:{port}").status_code == 200
        assert client.get(page, HTTP_HOST=f"host-{port}.example").status_code == 400
    with CaptureQueriesContext(connection) as afterwards:
        client.get(page)

    assert len(afterwards) == len(usual)

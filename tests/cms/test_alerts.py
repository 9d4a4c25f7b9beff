import datetime as dt
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, StreamingHttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cms.alerts import (
    DISMISSED_COOKIE,
    DISMISSED_MAX,
    MARKER,
    ActiveAlert,
    _snapshot_timeout,
    alert_status,
)
from cms.constants import Severity
from cms.middleware.alerts import AlertsMiddleware
from cms.models import Alert, AlertSection
from tests.cms.factories import (
    AlertFactory,
    ServiceIndexPageFactory,
    ServicePageFactory,
    make_home,
)


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site(db):
    home = make_home()
    index = ServiceIndexPageFactory(parent=home)
    return {
        "home": home,
        "index": index,
        "service": ServicePageFactory(parent=index, title="Paspoort aanvragen"),
        "other": ServicePageFactory(parent=home, title="Afval"),
    }


def alert_titles(response):
    html = response.content.decode()
    return {alert.title for alert in Alert.objects.all() if f"</span>{alert.title}</h2>" in html}


def dismiss(client, alert, next_url="/"):
    return client.post(reverse("cms:dismiss-alert", args=[alert.pk]), {"next": next_url})


# Where alerts show


@pytest.mark.django_db
def test_an_alert_without_sections_shows_on_every_page(client, site):
    AlertFactory(title="Gladheid")

    for page in site.values():
        response = client.get(page.url)
        html = response.content.decode()
        assert '<section class="site-alerts" aria-label="Meldingen">' in html
        assert "Gladheid" in html
        assert MARKER not in html


@pytest.mark.django_db
def test_an_alert_for_a_section_shows_there_and_below_only(client, site):
    AlertFactory(title="Balie gesloten", sections=[site["index"]])

    assert alert_titles(client.get(site["index"].url)) == {"Balie gesloten"}
    assert alert_titles(client.get(site["service"].url)) == {"Balie gesloten"}
    assert alert_titles(client.get(site["other"].url)) == set()
    assert alert_titles(client.get(site["home"].url)) == set()


@pytest.mark.django_db
def test_a_section_prefix_does_not_match_a_longer_slug(client, site):
    lookalike = ServicePageFactory(parent=site["home"], slug=f"{site['index'].slug}-oud")
    AlertFactory(title="Balie gesloten", sections=[site["index"]])

    assert alert_titles(client.get(lookalike.url)) == set()


@pytest.mark.django_db
def test_future_and_expired_alerts_do_not_show(client, site):
    now = timezone.now()
    AlertFactory(title="Nu", starts_at=now - dt.timedelta(hours=1), ends_at=None)
    AlertFactory(
        title="Straks",
        starts_at=now + dt.timedelta(hours=1),
        ends_at=now + dt.timedelta(hours=2),
    )
    AlertFactory(
        title="Voorbij",
        starts_at=now - dt.timedelta(days=2),
        ends_at=now - dt.timedelta(days=1),
    )

    assert alert_titles(client.get(site["service"].url)) == {"Nu"}


@pytest.mark.django_db
def test_a_planned_alert_appears_on_a_cached_page_once_it_starts(client, site):
    now = timezone.now()
    AlertFactory(title="Storing", starts_at=now + dt.timedelta(hours=1), ends_at=None)
    url = site["service"].url

    assert alert_titles(client.get(url)) == set()
    assert client.get(url)["X-Page-Cache"] == "hit"

    with mock.patch("django.utils.timezone.now", return_value=now + dt.timedelta(hours=2)):
        response = client.get(url)

    assert response["X-Page-Cache"] == "hit"
    assert alert_titles(response) == {"Storing"}


@pytest.mark.django_db
def test_an_alert_leaves_a_cached_page_when_it_ends(client, site):
    now = timezone.now()
    AlertFactory(title="Storing", starts_at=now, ends_at=now + dt.timedelta(minutes=30))
    url = site["service"].url
    assert alert_titles(client.get(url)) == {"Storing"}

    with mock.patch("django.utils.timezone.now", return_value=now + dt.timedelta(minutes=31)):
        response = client.get(url)

    assert response["X-Page-Cache"] == "hit"
    assert alert_titles(response) == set()


@pytest.mark.django_db
def test_an_edited_alert_shows_at_once(client, site):
    alert = AlertFactory(title="Weg afgesloten")
    url = site["service"].url
    client.get(url)

    alert.title = "Weg weer open"
    alert.save()
    response = client.get(url)

    assert response["X-Page-Cache"] == "hit"
    assert "Weg weer open" in response.content.decode()


@pytest.mark.django_db
def test_new_sections_of_an_alert_show_at_once(client, site):
    alert = AlertFactory(title="Balie gesloten", sections=[site["index"]])
    assert alert_titles(client.get(site["other"].url)) == set()

    # As the admin does it: the sections of a ClusterableModel are written on save.
    alert.sections.add(AlertSection(page=site["other"]))
    alert.save()

    assert alert_titles(client.get(site["other"].url)) == {"Balie gesloten"}


@pytest.mark.django_db
def test_a_deleted_alert_disappears(client, site):
    alert = AlertFactory(title="Storing")
    assert alert_titles(client.get(site["service"].url)) == {"Storing"}

    alert.delete()

    assert "Storing" not in client.get(site["service"].url).content.decode()


# Markup


@pytest.mark.django_db
def test_alert_markup_names_the_severity_and_links_to_more(client, site):
    AlertFactory(
        title="Drinkwater koken",
        message="Kook uw water.\nTot nader bericht.",
        severity=Severity.URGENT,
        link=site["service"],
    )
    AlertFactory(title="Markt verplaatst", severity=Severity.INFO)

    html = client.get(site["other"].url).content.decode()

    assert "utrecht-alert utrecht-alert--error" in html
    assert "utrecht-alert utrecht-alert--info" in html
    assert '<span class="visually-hidden">Urgent: </span>Drinkwater koken</h2>' in html
    assert '<span class="visually-hidden">Informatie: </span>Markt verplaatst</h2>' in html
    assert "Kook uw water.<br>Tot nader bericht." in html
    assert f'href="{site["service"].url}">Lees meer' in html
    # Most severe first.
    assert html.index("Drinkwater koken") < html.index("Markt verplaatst")


@pytest.mark.django_db
def test_a_link_to_an_unpublished_page_is_left_out(client, site):
    site["service"].unpublish()
    AlertFactory(title="Storing", link=site["service"])

    html = client.get(site["other"].url).content.decode()

    assert "Storing" in html
    assert "Lees meer" not in html


@pytest.mark.django_db
def test_alert_text_is_escaped(client, site):
    AlertFactory(title="<script>x</script>", message="<b>vet</b>")

    html = client.get(site["other"].url).content.decode()

    assert "<script>x</script>" not in html
    assert "&lt;b&gt;vet&lt;/b&gt;" in html


@pytest.mark.django_db
def test_no_alerts_leaves_no_region(client, site):
    html = client.get(site["other"].url).content.decode()

    assert 'aria-label="Meldingen"' not in html
    assert MARKER not in html


# Hiding an alert


@pytest.mark.django_db
def test_hiding_an_alert_sets_a_cookie_and_only_that_alert_goes(client, site):
    road = AlertFactory(title="Weg afgesloten")
    AlertFactory(title="Markt verplaatst", severity=Severity.INFO)
    url = site["service"].url
    html = client.get(url).content.decode()
    assert f'action="{reverse("cms:dismiss-alert", args=[road.pk])}"' in html
    assert 'Verbergen<span class="visually-hidden">: Weg afgesloten</span>' in html
    assert f'name="next" value="{url}"' in html

    response = dismiss(client, road, next_url=url)

    assert response.status_code == 303
    assert response["Location"] == url
    cookie = response.cookies[DISMISSED_COOKIE]
    assert cookie.value == str(road.pk)
    assert cookie["max-age"] == 30 * 24 * 60 * 60
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert not cookie["secure"]
    after = client.get(url)
    assert after["X-Page-Cache"] == "hit"
    assert alert_titles(after) == {"Markt verplaatst"}


@pytest.mark.django_db
def test_hiding_keeps_earlier_hidden_alerts(client, site):
    first, second, third = AlertFactory.create_batch(3)
    client.cookies[DISMISSED_COOKIE] = f"{first.pk},{second.pk}"

    response = dismiss(client, third)

    assert response.cookies[DISMISSED_COOKIE].value == f"{first.pk}.{second.pk}.{third.pk}"
    assert alert_titles(client.get(site["service"].url)) == set()


@pytest.mark.django_db
def test_the_cookie_keeps_the_latest_ids_only(client, site):
    alert = AlertFactory()
    client.cookies[DISMISSED_COOKIE] = ".".join(str(n) for n in range(100_000, 100_060))

    response = dismiss(client, alert)

    ids = response.cookies[DISMISSED_COOKIE].value.split(".")
    assert len(ids) == DISMISSED_MAX
    assert ids[-1] == str(alert.pk)


@pytest.mark.django_db
def test_a_rubbish_cookie_is_ignored(client, site):
    AlertFactory(title="Storing")
    client.cookies[DISMISSED_COOKIE] = "abc;<>"

    assert alert_titles(client.get(site["service"].url)) == {"Storing"}


@pytest.mark.django_db
def test_the_cookie_is_secure_over_https(client, site):
    alert = AlertFactory()

    response = client.post(
        reverse("cms:dismiss-alert", args=[alert.pk]), {"next": "/"}, secure=True
    )

    assert response.cookies[DISMISSED_COOKIE]["secure"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", ""]
)
def test_hiding_never_redirects_to_another_site(client, site, next_url):
    alert = AlertFactory()

    response = dismiss(client, alert, next_url=next_url)

    assert response.status_code == 303
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_hiding_keeps_the_query_string_of_the_page(client, site):
    alert = AlertFactory()

    response = dismiss(client, alert, next_url="/nieuws/?pagina=2")

    assert response["Location"] == "/nieuws/?pagina=2"


@pytest.mark.django_db
def test_hiding_needs_no_csrf_token(site):
    from django.test import Client

    alert = AlertFactory()

    response = dismiss(Client(enforce_csrf_checks=True), alert)

    assert response.status_code == 303


@pytest.mark.django_db
def test_hiding_only_accepts_post(client, site):
    alert = AlertFactory()

    response = client.get(reverse("cms:dismiss-alert", args=[alert.pk]))

    assert response.status_code == 405


@pytest.mark.django_db
def test_hiding_an_unknown_alert_is_404(client, site):
    response = client.post(reverse("cms:dismiss-alert", args=[987654]), {"next": "/"})

    assert response.status_code == 404
    assert DISMISSED_COOKIE not in response.cookies


@pytest.mark.django_db
def test_urgent_alerts_cannot_be_hidden(client, site):
    urgent = AlertFactory(title="Drinkwater koken", severity=Severity.URGENT)
    url = site["service"].url
    assert "Verbergen" not in client.get(url).content.decode()

    response = dismiss(client, urgent, next_url=url)
    client.cookies[DISMISSED_COOKIE] = str(urgent.pk)

    assert response.status_code == 303
    assert DISMISSED_COOKIE not in response.cookies
    assert alert_titles(client.get(url)) == {"Drinkwater koken"}


# Cost


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_a_cached_page_with_alerts_costs_no_queries(client, site, django_assert_num_queries):
    AlertFactory(title="Storing", sections=[site["index"]], link=site["other"])
    url = site["service"].url
    client.get(url)

    with django_assert_num_queries(0):
        response = client.get(url)

    assert alert_titles(response) == {"Storing"}


@pytest.mark.django_db
def test_alerts_cost_the_same_queries_however_many_there_are(client, site, settings):
    settings.PAGE_CACHE_SECONDS = 0
    url = site["service"].url
    # What is shared until the next publish (menu, footer, restrictions) is made once first.
    client.get(url)
    AlertFactory(sections=[site["index"]], link=site["other"])
    one_cold = queries_for(client, url)
    one_warm = queries_for(client, url)

    for n in range(9):
        AlertFactory(
            title=f"Melding {n}", sections=[site["index"], site["other"]], link=site["other"]
        )
    ten_cold = queries_for(client, url)
    ten_warm = queries_for(client, url)

    assert alert_titles(client.get(url)) == set(Alert.objects.values_list("title", flat=True))
    assert Alert.objects.count() == 10
    assert ten_cold == one_cold
    assert ten_warm == one_warm
    assert one_warm < one_cold


# The middleware on its own


def run_middleware(response, path="/"):
    request = RequestFactory().get(path)
    return AlertsMiddleware(lambda request: response)(request)


@pytest.mark.django_db
def test_the_middleware_updates_content_length(site):
    AlertFactory(title="Storing")
    response = HttpResponse(f"<p>{MARKER}</p>")
    response["Content-Length"] = str(len(response.content))

    response = run_middleware(response)

    assert b"Storing" in response.content
    assert response["Content-Length"] == str(len(response.content))


@pytest.mark.django_db
def test_the_middleware_leaves_other_responses_alone(site, django_assert_num_queries):
    AlertFactory(title="Storing")
    text = HttpResponse(MARKER, content_type="text/plain")
    streaming = StreamingHttpResponse(iter([MARKER.encode()]))

    with django_assert_num_queries(0):
        assert run_middleware(text).content == MARKER.encode()
        assert b"".join(run_middleware(streaming).streaming_content) == MARKER.encode()
        assert run_middleware(HttpResponse("<p>geen plek</p>")).content == b"<p>geen plek</p>"


# Snapshot timing and status


def active_alert(starts_at, ends_at):
    return ActiveAlert(1, "t", "m", Severity.INFO, starts_at, ends_at, "", ())


def test_the_snapshot_expires_at_the_next_start_or_end():
    now = timezone.now()
    alerts = [
        active_alert(now - dt.timedelta(hours=1), now + dt.timedelta(seconds=90)),
        active_alert(now + dt.timedelta(seconds=40), None),
    ]

    assert _snapshot_timeout(alerts, now) == 40
    assert _snapshot_timeout([active_alert(now, None)], now) == 300
    assert _snapshot_timeout([active_alert(now, now + dt.timedelta(days=1))], now) == 300


def test_alert_status():
    now = timezone.now()
    hour = dt.timedelta(hours=1)

    assert alert_status(Alert(starts_at=now - hour, ends_at=None), now) == "actief"
    assert alert_status(Alert(starts_at=now + hour, ends_at=None), now) == "gepland"
    assert alert_status(Alert(starts_at=now - 2 * hour, ends_at=now - hour), now) == "verlopen"


# Admin


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("beheerder", "b@example.nl", "geheim")
    client.force_login(user)
    return client


def alert_form(**overrides):
    data = {
        "title": "Weg afgesloten",
        "message": "De Hoofdstraat is dicht.",
        "link": "",
        "severity": Severity.WARNING,
        "starts_at": "2026-03-02 08:00",
        "ends_at": "2026-03-03 17:00",
        "sections-TOTAL_FORMS": "0",
        "sections-INITIAL_FORMS": "0",
        "sections-MIN_NUM_FORMS": "0",
        "sections-MAX_NUM_FORMS": "1000",
    }
    return {**data, **overrides}


def with_sections(data, *pages):
    data = {**data, "sections-TOTAL_FORMS": str(len(pages))}
    for n, page in enumerate(pages):
        data.update({f"sections-{n}-page": str(page.pk), f"sections-{n}-ORDER": str(n + 1)})
    return data


@pytest.mark.django_db
def test_editors_add_an_alert_in_the_admin(admin_client):
    response = admin_client.post(reverse("wagtailsnippets_cms_alert:add"), alert_form())

    assert response.status_code == 302
    alert = Alert.objects.get()
    assert timezone.localtime(alert.ends_at).hour == 17


@pytest.mark.django_db
def test_the_admin_refuses_an_end_before_the_start(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_cms_alert:add"),
        alert_form(starts_at="2026-03-03 08:00", ends_at="2026-03-02 08:00"),
    )

    assert response.status_code == 200
    assert "Het einde moet na het begin liggen." in response.content.decode()
    assert not Alert.objects.exists()


@pytest.mark.django_db
def test_the_admin_lists_alerts_with_period_and_status(admin_client):
    now = timezone.now()
    AlertFactory(title="Nu bezig")
    AlertFactory(title="Komt nog", starts_at=now + dt.timedelta(days=1), ends_at=None)
    AlertFactory(
        title="Al voorbij",
        starts_at=now - dt.timedelta(days=3),
        ends_at=now - dt.timedelta(days=2),
    )

    response = admin_client.get(reverse("wagtailsnippets_cms_alert:list"))

    html = response.content.decode()
    assert response.status_code == 200
    for text in ("Nu bezig", "Komt nog", "Al voorbij", "actief", "gepland", "verlopen", "vanaf"):
        assert text in html


@pytest.mark.django_db
def test_the_admin_menu_has_meldingen(admin_client):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Meldingen" in html


@pytest.mark.django_db
def test_sections_are_chosen_with_a_page_chooser_not_a_list_of_every_page(admin_client, site):
    html = admin_client.get(reverse("wagtailsnippets_cms_alert:add")).content.decode()

    assert 'type="checkbox" name="sections"' not in html
    assert "Paspoort aanvragen" not in html  # no list of every page
    assert 'id="id_sections-TOTAL_FORMS"' in html
    assert 'id="id_sections-OPEN_MODAL"' in html  # opens the page chooser


@pytest.mark.django_db
def test_editors_choose_sections_for_an_alert(admin_client, site, client):
    response = admin_client.post(
        reverse("wagtailsnippets_cms_alert:add"),
        with_sections(
            alert_form(
                title="Balie gesloten",
                starts_at=timezone.localtime().strftime("%Y-%m-%d %H:%M"),
                ends_at="2099-01-01 00:00",
            ),
            site["index"],
        ),
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    alert = Alert.objects.get()
    assert [section.page_id for section in alert.sections.all()] == [site["index"].pk]
    assert alert_titles(client.get(site["service"].url)) == {"Balie gesloten"}
    assert alert_titles(client.get(site["other"].url)) == set()


@pytest.mark.django_db
def test_the_root_of_the_page_tree_is_not_a_section(admin_client, site):
    root = site["home"].get_parent()

    response = admin_client.post(
        reverse("wagtailsnippets_cms_alert:add"), with_sections(alert_form(), root)
    )

    assert response.status_code == 200
    assert "Kies een onderdeel van de website" in response.content.decode()
    assert not Alert.objects.exists()


# Data migration: the checkbox list of sections becomes chosen rows


@pytest.mark.django_db(transaction=True)
def test_existing_alert_sections_are_kept_by_the_migration():
    from django.db.migrations.executor import MigrationExecutor

    from tests.cms.factories import make_home

    # A root and a section under it, made again if an earlier transactional test flushed them.
    make_home()

    before = [("cms", "0005_search_synonyms_and_trigrams")]
    after = [("cms", "0006_alert_sections_by_page_chooser")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        _check_migrated_sections(executor, before, after)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def _check_migrated_sections(executor, before, after):
    from django.db.migrations.executor import MigrationExecutor

    old = executor.loader.project_state(before).apps
    OldPage = old.get_model("wagtailcore", "Page")
    OldAlert = old.get_model("cms", "Alert")
    root = OldPage.objects.get(depth=1)
    section = OldPage.objects.filter(depth=2).first()
    alert = OldAlert.objects.create(
        title="Storing", message="Even geen water.", starts_at=timezone.now()
    )
    through = OldAlert._meta.get_field("sections").remote_field.through
    for page in (root, section):
        through.objects.create(alert_id=alert.pk, page_id=page.pk)

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    sections = new.get_model("cms", "AlertSection").objects.filter(alert_id=alert.pk)

    assert [row.page_id for row in sections] == [section.pk]  # the root meant "everywhere"

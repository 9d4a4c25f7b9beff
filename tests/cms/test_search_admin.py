import datetime as dt
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from cms.models import SearchMiss, SearchSynonym
from cms.services import search_counts_flush
from tests.cms.factories import ServicePageFactory, make_home
from tests.contacts.factories import TeamFactory, UserFactory

MISSES_URL = "/admin/zoekvragen/zonder-resultaat/"
POPULAR_URL = "/admin/zoekvragen/populair/"


@pytest.fixture
def superuser():
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def editor():
    user = UserFactory(is_staff=True)
    # Wagtail's migrations create "Editors" with admin access and page permissions.
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def report_rows(response) -> list[list[str]]:
    """The table as an editor reads it: one list of cell texts per row."""
    html = response.content.decode()
    table = html.split('<table class="listing">', 1)[1] if '<table class="listing">' in html else ""
    body = table.split("<tbody", 1)[1].split("</tbody>", 1)[0] if "<tbody" in table else ""
    rows = []
    for row in re.findall(r"<tr.*?</tr>", body, flags=re.S):
        cells = re.findall(r"<td.*?>(.*?)</td>", row, flags=re.S)
        rows.append([" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in cells])
    return rows


def miss(query_string, days_ago, hits):
    SearchMiss.objects.create(
        query_string=query_string,
        date=timezone.localdate() - dt.timedelta(days=days_ago),
        hits=hits,
    )


@pytest.mark.django_db
def test_misses_report_adds_up_days_and_puts_the_most_frequent_first(client, editor):
    miss("hondenbelasting", 0, 3)
    miss("hondenbelasting", 2, 4)
    miss("zwerfkatten", 1, 9)
    miss("afvalkalender 2025", 0, 2)
    miss("carbidschieten", 60, 40)
    client.force_login(editor)

    response = client.get(MISSES_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Zoekvragen zonder resultaat" in html
    assert "Periode: afgelopen 30 dagen." in html
    rows = report_rows(response)
    assert [row[:3] for row in rows] == [
        ["zwerfkatten", "9", "1"],
        ["hondenbelasting", "7", "2"],
        ["afvalkalender 2025", "2", "1"],
    ]
    assert rows[1][3] == date_format(timezone.localdate())


@pytest.mark.django_db
def test_misses_report_over_90_days_includes_older_searches(client, editor):
    miss("hondenbelasting", 0, 3)
    miss("carbidschieten", 60, 40)
    miss("oudjaar", 120, 80)
    client.force_login(editor)

    response = client.get(MISSES_URL, {"period": "90"})

    assert "Periode: afgelopen 90 dagen." in response.content.decode()
    assert [row[:2] for row in report_rows(response)] == [
        ["carbidschieten", "40"],
        ["hondenbelasting", "3"],
    ]


@pytest.mark.django_db
def test_misses_report_with_an_unknown_period_shows_the_last_30_days(client, editor):
    miss("hondenbelasting", 0, 3)
    miss("carbidschieten", 60, 40)
    client.force_login(editor)

    response = client.get(MISSES_URL, {"period": "9999"})

    assert response.status_code == 200
    assert [row[0] for row in report_rows(response)] == ["hondenbelasting"]


@pytest.mark.django_db
def test_misses_report_can_be_searched_and_downloaded(client, editor):
    miss("hondenbelasting", 0, 3)
    miss("zwerfkatten", 0, 9)
    client.force_login(editor)

    found = client.get(MISSES_URL, {"q": "honden"})
    export = client.get(MISSES_URL, {"export": "csv"})

    assert [row[0] for row in report_rows(found)] == ["hondenbelasting"]
    csv = b"".join(export.streaming_content).decode()
    assert csv.splitlines()[0] == "Zoekvraag,Aantal keer gezocht,Op aantal dagen,Laatst gezocht"
    assert csv.splitlines()[1].startswith("zwerfkatten,9,1,")


@pytest.mark.django_db
def test_a_search_without_results_on_the_site_appears_in_the_report(client, editor):
    make_home()
    client.get("/zoeken/", {"q": "Hondenuitlaatplaats"})
    client.get("/zoeken/", {"q": "hondenuitlaatplaats "})
    search_counts_flush()
    client.force_login(editor)

    response = client.get(MISSES_URL)

    assert [row[:2] for row in report_rows(response)] == [["hondenuitlaatplaats", "2"]]


@pytest.mark.django_db
def test_popular_searches_report_counts_what_residents_searched(client, editor):
    home = make_home()
    ServicePageFactory(parent=home, title="Paspoort aanvragen")
    for query in ["paspoort", "Paspoort", "paspoort", "grofvuil"]:
        client.get("/zoeken/", {"q": query})
    search_counts_flush()
    client.force_login(editor)

    response = client.get(POPULAR_URL)

    assert response.status_code == 200
    assert "Populaire zoekvragen" in response.content.decode()
    assert report_rows(response) == [["paspoort", "3"], ["grofvuil", "1"]]


@pytest.mark.django_db
def test_editors_and_superusers_find_the_reports_in_the_menu(client, editor, superuser):
    for user in (editor, superuser):
        client.force_login(user)

        html = client.get("/admin/").content.decode()

        assert MISSES_URL in html
        assert POPULAR_URL in html
        assert "Zoekvragen zonder resultaat" in html


@pytest.mark.django_db
def test_staff_without_page_permissions_do_not_see_the_search_reports(client, staff_of):
    staff = staff_of(TeamFactory(name="Openbare ruimte", slug="openbare-ruimte"))
    client.force_login(staff)

    dashboard = client.get("/admin/")
    report = client.get(MISSES_URL)

    assert dashboard.status_code == 200
    assert MISSES_URL not in dashboard.content.decode()
    assert report.status_code == 302
    assert report["Location"] == reverse("wagtailadmin_home")


@pytest.mark.django_db
def test_search_reports_need_a_login(client):
    response = client.get(MISSES_URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_promoted_search_results_are_in_the_admin_menu_and_open(client, superuser):
    client.force_login(superuser)
    index_url = reverse("wagtailsearchpromotions:index")

    dashboard = client.get("/admin/")
    index = client.get(index_url)

    assert index_url in dashboard.content.decode()
    assert index.status_code == 200


# One click from a search without results to a synonym or a promoted result


@pytest.mark.django_db
def test_each_miss_links_to_a_prefilled_synonym_and_promoted_result(client, superuser):
    miss("lantaarnpaal kapot", 0, 4)
    client.force_login(superuser)

    html = client.get(MISSES_URL).content.decode()

    synonym_url = "/admin/snippets/cms/searchsynonym/add/?zoekvraag=lantaarnpaal+kapot"
    promotion_url = "/admin/zoekvragen/aanbevolen/nieuw/?zoekvraag=lantaarnpaal+kapot"
    assert f'href="{synonym_url}">Synoniem toevoegen' in html
    assert f'href="{promotion_url}">Aanbevolen resultaat toevoegen' in html
    synonym_form = client.get(synonym_url).content.decode()
    promotion_form = client.get(promotion_url).content.decode()
    assert 'name="term" value="lantaarnpaal kapot"' in synonym_form
    assert 'value="lantaarnpaal kapot"' in promotion_form


@pytest.mark.django_db
def test_a_synonym_added_from_the_report_makes_the_search_find_the_page(client, superuser):
    home = make_home()
    ServicePageFactory(
        parent=home, title="Melding openbare ruimte", keywords="kapot straatverlichting"
    )
    client.get("/zoeken/", {"q": "lantaarnpaal"})
    client.force_login(superuser)

    response = client.post(
        "/admin/snippets/cms/searchsynonym/add/?zoekvraag=lantaarnpaal",
        {"term": "Lantaarnpaal", "equivalents": "straatverlichting, verlichting"},
    )
    client.logout()
    html = client.get("/zoeken/", {"q": "lantaarnpaal"}).content.decode()

    assert response.status_code == 302
    assert SearchSynonym.objects.get().term == "lantaarnpaal"
    assert "Melding openbare ruimte</a>" in html


@pytest.mark.django_db
def test_a_synonym_needs_another_word(client, superuser):
    client.force_login(superuser)

    response = client.post(
        "/admin/snippets/cms/searchsynonym/add/", {"term": "kliko", "equivalents": "Kliko"}
    )

    assert response.status_code == 200
    assert "Vul minstens één ander woord in dan het zoekwoord." in response.content.decode()
    assert not SearchSynonym.objects.exists()


@pytest.mark.django_db
def test_editors_without_rights_on_synonyms_see_no_links(client, editor):
    miss("lantaarnpaal kapot", 0, 4)
    client.force_login(editor)

    html = client.get(MISSES_URL).content.decode()

    assert "Synoniem toevoegen" not in html

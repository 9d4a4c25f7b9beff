import datetime as dt
from unittest import mock

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page

from cms.feedback import scrub_personal_data
from cms.models import PageFeedback
from tests.cms.factories import ContentPageFactory, ServicePageFactory, make_home
from tests.contacts.factories import GroupFactory, UserFactory

URL = "/reactie/"


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits are counted in the cache.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def service(db):
    return ServicePageFactory(parent=make_home(), title="Afval", slug="afval")


@pytest.fixture
def editor(db):
    group = GroupFactory(name="Redactie")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for permission_type in ("add", "change", "publish"):
        GroupPagePermission.objects.create(
            group=group, page=Page.get_first_root_node(), permission_type=permission_type
        )
    user = UserFactory(is_staff=True)
    user.groups.add(group)
    return user


def post(client, page_id, **data):
    return client.post(URL, {"page": page_id, **data})


# The form on the page


def test_url_name_is_routed():
    assert reverse("cms:feedback") == URL


def test_valid_feedback_is_saved_with_the_date_only(client, service):
    response = post(client, service.pk, helpful="ja", comment="  Duidelijk uitgelegd.  ")

    assert response.status_code == 303
    assert response["Location"] == "/afval/?reactie=bedankt#reactie"
    feedback = PageFeedback.objects.get()
    assert feedback.page_id == service.pk
    assert feedback.helpful is True
    assert feedback.comment == "Duidelijk uitgelegd."
    assert feedback.created_on == timezone.localdate()
    stored = {field.name for field in PageFeedback._meta.get_fields()}
    assert stored == {"id", "page", "helpful", "comment", "created_on"}


def test_no_without_comment_is_saved(client, service):
    post(client, service.pk, helpful="nee")

    feedback = PageFeedback.objects.get()
    assert feedback.helpful is False
    assert feedback.comment == ""


def test_feedback_on_a_content_page(client, db):
    page = ContentPageFactory(parent=make_home(), slug="over-ons")

    response = post(client, page.pk, helpful="ja")

    assert response["Location"] == "/over-ons/?reactie=bedankt#reactie"
    assert PageFeedback.objects.filter(page=page).count() == 1


def test_personal_data_in_the_comment_is_removed(client, service):
    comment = (
        "Mail mij op jan.jansen@example.nl of bel 06-12345678 of 0595 44 77 77. "
        "Mijn BSN is 123456789."
    )

    post(client, service.pk, helpful="nee", comment=comment)

    stored = PageFeedback.objects.get().comment
    assert stored == (
        "Mail mij op [verwijderd] of bel [verwijderd] of [verwijderd]. Mijn BSN is [verwijderd]."
    )


@pytest.mark.parametrize(
    "text",
    [
        "+31 6 1234 5678",
        "0031612345678",
        "(0595) 447777",
        "1234.56.789",
        "123 456 789",
        "NL91 ABNA 0417 1643 00",
        "info@hethogeland.nl",
    ],
)
def test_scrub_recognises_personal_data(text):
    assert scrub_personal_data(f"Zie {text} graag") == "Zie [verwijderd] graag"


@pytest.mark.parametrize(
    "text",
    [
        "Op 01-03-2026 om 10:30 gebeld.",
        "Het kost € 1.250 per jaar.",
        "Postbus 13, open van 8 tot 17 uur.",
    ],
)
def test_scrub_leaves_ordinary_numbers(text):
    assert scrub_personal_data(text) == text


def test_missing_helpful_saves_nothing_and_shows_an_error(client, service):
    response = post(client, service.pk, comment="Iets")

    assert response.status_code == 303
    assert response["Location"] == "/afval/?reactie=fout#reactie"
    assert not PageFeedback.objects.exists()

    page = client.get(response["Location"])
    html = render_to_string(
        "cms/includes/feedback.html", {"page": service}, request=page.wsgi_request
    )
    assert "Kies Ja of Nee." in html
    assert "Er is een probleem" in html


def test_invalid_helpful_saves_nothing(client, service):
    response = post(client, service.pk, helpful="misschien")

    assert response["Location"].endswith("?reactie=fout#reactie")
    assert not PageFeedback.objects.exists()


def test_line_breaks_count_as_one_character(client, service):
    comment = ("regel\r\n" * 166) + "eind"  # 1000 characters as the browser counts them

    response = post(client, service.pk, helpful="nee", comment=comment)

    assert response["Location"].endswith("?reactie=bedankt#reactie")
    assert PageFeedback.objects.get().comment == comment.replace("\r\n", "\n")


def test_too_long_comment_saves_nothing(client, service):
    response = post(client, service.pk, helpful="ja", comment="a" * 1001)

    assert response["Location"].endswith("?reactie=te-lang#reactie")
    assert not PageFeedback.objects.exists()


def test_unknown_page_is_404(client, service):
    assert post(client, service.pk + 999, helpful="ja").status_code == 404
    assert post(client, "abc", helpful="ja").status_code == 404
    assert client.post(URL, {"helpful": "ja"}).status_code == 404
    assert not PageFeedback.objects.exists()


def test_draft_page_is_404(client, db):
    draft = ServicePageFactory(parent=make_home(), live=False)

    assert post(client, draft.pk, helpful="ja").status_code == 404
    assert not PageFeedback.objects.exists()


def test_get_is_not_allowed(client, service):
    assert client.get(URL, {"page": service.pk, "helpful": "ja"}).status_code == 405


def test_no_csrf_token_needed(service):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(URL, {"page": service.pk, "helpful": "ja"})

    assert response.status_code == 303
    assert PageFeedback.objects.count() == 1


def test_sixth_post_within_a_minute_is_refused(client, service):
    with mock.patch("django_ratelimit.core.time.time", return_value=1_800_000_000):
        for _ in range(5):
            assert post(client, service.pk, helpful="ja").status_code == 303
        response = post(client, service.pk, helpful="nee", comment="Nog een keer")

    assert response.status_code == 429
    assert "U heeft al gereageerd" in response.content.decode()
    assert PageFeedback.objects.filter(helpful=True).count() == 5
    assert not PageFeedback.objects.filter(helpful=False).exists()


def test_the_limit_is_per_page(client, service):
    other = ServicePageFactory(parent=service.get_parent())
    with mock.patch("django_ratelimit.core.time.time", return_value=1_800_000_000):
        for _ in range(5):
            post(client, service.pk, helpful="ja")
        response = post(client, other.pk, helpful="ja")

    assert response.status_code == 303


def test_at_most_30_a_day(client, service):
    start = 1_800_000_000 - 1_800_000_000 % 86_400
    for minute in range(30):
        with mock.patch("django_ratelimit.core.time.time", return_value=start + 60 * minute):
            assert post(client, service.pk, helpful="ja").status_code == 303
    with mock.patch("django_ratelimit.core.time.time", return_value=start + 60 * 31):
        assert post(client, service.pk, helpful="ja").status_code == 429
    assert PageFeedback.objects.count() == 30


# The include


def test_include_shows_the_form(rf, service):
    html = render_to_string("cms/includes/feedback.html", {"page": service}, request=rf.get("/"))

    assert "Was deze informatie nuttig?" in html
    assert f'action="{URL}"' in html
    assert f'name="page" value="{service.pk}"' in html
    assert 'name="helpful" value="ja"' in html
    assert 'name="helpful" value="nee"' in html
    assert "Wat kunnen we verbeteren? (niet verplicht)" in html
    assert "geen persoonlijke gegevens" in html
    assert "csrfmiddlewaretoken" not in html


def test_include_is_hidden_in_the_editors_preview(rf, service):
    request = rf.get("/")
    request.is_preview = True

    html = render_to_string("cms/includes/feedback.html", {"page": service}, request=request)

    assert html.strip() == ""


def test_include_thanks_after_posting(rf, service):
    html = render_to_string(
        "cms/includes/feedback.html", {"page": service}, request=rf.get("/?reactie=bedankt")
    )

    assert "Bedankt voor uw reactie." in html
    assert "<form" not in html


def test_last_reviewed_include(db):
    page = ServicePageFactory.build(last_reviewed_on=dt.date(2026, 3, 3))

    html = render_to_string("cms/includes/last_reviewed.html", {"page": page})
    empty = render_to_string(
        "cms/includes/last_reviewed.html", {"page": ServicePageFactory.build()}
    )

    assert "Laatst gecontroleerd op" in html
    assert "3 maart 2026" in html
    assert empty.strip() == ""


def test_the_whole_round_on_the_service_page(client, service):
    page = client.get("/afval/")
    assert "Was deze informatie nuttig?" in page.content.decode()

    response = client.post(URL, {"page": service.pk, "helpful": "ja"}, follow=True)

    assert response.redirect_chain == [("/afval/?reactie=bedankt#reactie", 303)]
    assert "Bedankt voor uw reactie." in response.content.decode()
    # The plain page, from the page cache or not, still asks the question.
    assert "Bedankt voor uw reactie." not in client.get("/afval/").content.decode()


def test_service_page_shows_the_last_check(client, db):
    ServicePageFactory(parent=make_home(), slug="paspoort", last_reviewed_on=dt.date(2026, 3, 3))

    html = client.get("/paspoort/").content.decode()

    assert "Laatst gecontroleerd op" in html
    assert "3 maart 2026" in html


# The report


def feedback(page, helpful, comment="", days_ago=0):
    return PageFeedback.objects.create(
        page=page,
        helpful=helpful,
        comment=comment,
        created_on=timezone.localdate() - dt.timedelta(days=days_ago),
    )


REPORT = "/admin/reports/reacties/"


def test_report_lists_counts_most_no_first(client, editor, service):
    other = ServicePageFactory(parent=service.get_parent(), title="Paspoort")
    feedback(service, True, "Goed")
    feedback(service, True)
    feedback(service, False, "Te lang")
    feedback(other, False)
    feedback(other, False)
    feedback(other, False, days_ago=40)
    feedback(other, True, days_ago=45)
    client.force_login(editor)

    response = client.get(REPORT)

    assert response.status_code == 200
    rows = response.context["object_list"]
    assert [row["page__title"] for row in rows] == ["Paspoort", "Afval"]
    paspoort, afval = rows
    assert (paspoort["yes"], paspoort["no"], paspoort["comments"]) == (1, 3, 0)
    assert (afval["yes"], afval["no"], afval["comments"]) == (2, 1, 2)
    assert afval["share"] == 67
    assert paspoort["share"] == 25
    assert paspoort["trend"].recent_share == 0
    assert paspoort["trend"].previous_share == 50
    assert paspoort["trend"].direction == "slechter"
    html = response.content.decode()
    assert "Reacties op pagina" in html
    assert "67%" in html
    results = client.get(REPORT + "resultaten/")
    assert results.status_code == 200
    assert "Paspoort" in results.content.decode()


def test_report_query_count_does_not_grow_with_pages(client, editor, service):
    client.force_login(editor)
    feedback(service, True)
    client.get(REPORT)
    with CaptureQueriesContext(connection) as one:
        client.get(REPORT)
    for _ in range(4):
        feedback(ServicePageFactory(parent=service.get_parent()), False, "Hm")
    with CaptureQueriesContext(connection) as five:
        response = client.get(REPORT)

    assert len(response.context["object_list"]) == 5
    assert len(five) == len(one)


def test_report_refused_for_a_non_staff_user(client, service):
    feedback(service, True)
    client.force_login(UserFactory())

    response = client.get(REPORT)

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_report_refused_for_staff_without_page_permissions(client, service):
    group = GroupFactory(name="Informatie")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = UserFactory(is_staff=True)
    user.groups.add(group)
    client.force_login(user)

    assert client.get(REPORT).status_code in (302, 403)
    assert client.get(f"/admin/reports/reacties/{service.pk}/").status_code in (302, 403)


def test_report_is_in_the_reports_menu(client, editor):
    client.force_login(editor)

    response = client.get("/admin/")

    assert REPORT in response.content.decode()


def test_page_detail_shows_comments_newest_first_and_weeks(client, editor, service):
    feedback(service, False, "Oud commentaar", days_ago=20)
    feedback(service, True, "Nieuw commentaar")
    feedback(service, True)
    feedback(service, False, days_ago=200)
    client.force_login(editor)

    response = client.get(f"/admin/reports/reacties/{service.pk}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Nieuw commentaar") < html.index("Oud commentaar")
    weeks = response.context["weeks"]
    assert len(weeks) == 12
    assert weeks[0].starts_on <= timezone.localdate() <= weeks[0].ends_on
    assert sum(week.yes for week in weeks) == 2
    assert sum(week.no for week in weeks) == 1


def test_page_detail_unknown_page_is_404(client, editor):
    client.force_login(editor)

    assert client.get("/admin/reports/reacties/999999/").status_code == 404


@pytest.mark.parametrize("comment", ["bsnnr.123456782", "BSN.123456782", "mijn bsn 12345678"])
def test_bsn_after_a_dot_or_with_eight_digits_is_scrubbed(comment):
    assert "[verwijderd]" in scrub_personal_data(comment)
    assert "12345678" not in scrub_personal_data(comment)


def test_feedback_on_a_private_page_is_not_found(client, service):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=service, restriction_type="login")

    response = post(client, service.pk, helpful="ja")

    assert response.status_code == 404
    assert not PageFeedback.objects.exists()

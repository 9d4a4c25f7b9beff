"""Form statistics for editors (forms_app/reports.py) and the "Formulieren: gebruik" report."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page

from forms_app import reports
from forms_app.models import FormRun
from tests.contacts.factories import GroupFactory, TeamFactory, UserFactory
from tests.forms_app.factories import FormPageFactory, key_of

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def run(page, *, minutes_ago=60, last_step="", took=None):
    """A run started ``minutes_ago``; submitted ``took`` minutes after it started."""
    started = NOW - dt.timedelta(minutes=minutes_ago)
    return FormRun.objects.create(
        form_page=page,
        started_at=started,
        last_step=last_step,
        submitted_at=started + dt.timedelta(minutes=took) if took is not None else None,
    )


def step_keys(page):
    return [key_of(block) for block in page.steps.raw_data]


@pytest.fixture
def editor():
    group = GroupFactory(name="Redactie")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group, page=Page.get_first_root_node(), permission_type="change"
    )
    user = UserFactory(is_staff=True)
    user.groups.add(group)
    return user


# --- the figures ------------------------------------------------------------------------


def test_started_submitted_completion_and_median(form_page):
    first, second = step_keys(form_page)
    run(form_page, took=2)
    run(form_page, took=4)
    run(form_page, took=30)
    run(form_page, last_step=first)
    run(form_page, minutes_ago=31 * 24 * 60, took=1)  # before the period

    [usage] = reports.forms_usage(since=reports.period_start(now=NOW))

    assert usage.page == form_page
    assert usage.started == 4
    assert usage.submitted == 3
    assert usage.stopped == 1
    assert usage.completion_rate == 75
    assert usage.median_seconds == 4 * 60
    assert usage.median_duration == "4 min"


def test_form_without_runs_shows_dashes(form_page):
    [usage] = reports.forms_usage(since=reports.period_start(now=NOW))

    assert (usage.started, usage.submitted) == (0, 0)
    assert usage.completion_rate is None
    assert usage.median_duration == "–"


def test_drop_off_per_step_with_the_step_titles(form_page):
    first, second = step_keys(form_page)
    run(form_page, last_step="")
    run(form_page, last_step="")
    run(form_page, last_step=first)
    run(form_page, last_step=second)
    run(form_page, last_step="s_verwijderd")
    run(form_page, last_step=first, took=3)  # submitted: no drop-off

    usage = reports.form_usage(page=form_page, since=reports.period_start(now=NOW))

    assert [(row.label, row.count, row.share) for row in usage.drop_off] == [
        ("Gestopt bij de eerste stap ‘Wat wilt u melden?’", 2, 33),
        ("Gestopt na ‘Wat wilt u melden?’", 1, 17),
        ("Gestopt na ‘Waar is het?’, bij ‘Controleer uw antwoorden’", 1, 17),
        ("Gestopt na een stap die niet meer in het formulier staat", 1, 17),
    ]


@pytest.mark.parametrize("runs", [1, 40])
def test_queries_do_not_grow_with_the_number_of_runs(
    home, form_page, runs, django_assert_num_queries
):
    other = FormPageFactory(parent=home, title="Ander formulier", slug="ander")
    first = step_keys(form_page)[0]
    for index in range(runs):
        run(form_page, took=index + 1)
        run(form_page, last_step=first)
        run(other, took=5)
    since = reports.period_start(now=NOW)

    with django_assert_num_queries(3):
        usages = reports.forms_usage(since=since)
    with django_assert_num_queries(3):
        usage = reports.form_usage(page=form_page, since=since)

    assert [u.started for u in usages] == [runs, 2 * runs]
    assert usage.drop_off[0].count == runs


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (None, "–"),
        (0.4, "0 s"),
        (42, "42 s"),
        (240, "4 min"),
        (270, "4 min 30 s"),
        (3600, "1 uur"),
        (3900, "1 uur 5 min"),
        (97200, "1 dag 3 uur"),
        (2 * 86400, "2 dagen"),
    ],
)
def test_duration_text(seconds, text):
    assert reports.duration_text(seconds) == text


# --- the admin report -------------------------------------------------------------------


def test_editor_sees_the_report_in_the_reports_menu(client, editor, form_page):
    run(form_page, took=2)
    client.force_login(editor)

    response = client.get(reverse("forms_app_admin:usage"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Formulieren: gebruik" in content
    assert reverse("forms_app_admin:usage_detail", args=[form_page.pk]) in content
    assert "100%" in content
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("forms_app_admin:usage") in menu


def test_detail_shows_drop_off_and_no_export_link_without_permission(client, editor, form_page):
    run(form_page, last_step="")
    client.force_login(editor)

    response = client.get(reverse("forms_app_admin:usage_detail", args=[form_page.pk]))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Gestopt bij de eerste stap ‘Wat wilt u melden?’" in content
    assert reverse("forms_app_admin:export", args=[form_page.pk]) not in content


def test_detail_links_to_the_export_for_staff_who_may_export(client, editor, form_page):
    editor.user_permissions.add(Permission.objects.get(codename="view_submission"))
    client.force_login(editor)

    response = client.get(reverse("forms_app_admin:usage_detail", args=[form_page.pk]))

    assert reverse("forms_app_admin:export", args=[form_page.pk]) in response.content.decode()


def test_staff_without_page_permissions_get_no_report(client, staff_of, form_page):
    client.force_login(staff_of(TeamFactory()))

    # Wagtail sends a refused admin request back to the dashboard with a message.
    for url in (
        reverse("forms_app_admin:usage"),
        reverse("forms_app_admin:usage_detail", args=[form_page.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("forms_app_admin:usage") not in menu


def test_residents_and_visitors_never_reach_the_report(client, form_page):
    response = client.get(reverse("forms_app_admin:usage"))

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_superuser_sees_the_report(client, form_page):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    assert client.get(reverse("forms_app_admin:usage")).status_code == 200

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import formats, timezone
from wagtail.models import GroupPagePermission, PageLogEntry, Revision

from cms.constants import REVIEW_INTERVAL_DAYS
from cms.models import ContentPage, NewsIndexPage, NewsPage, ServicePage
from cms.review import due_pages, ownership_page_models
from cms.tasks import send_review_reminders
from tests.cms.factories import (
    ContentPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    ServicePageFactory,
    make_home,
)
from tests.contacts.factories import GroupFactory, TeamFactory, UserFactory

TODAY = timezone.localdate


def days(n):
    return TODAY() + dt.timedelta(days=n)


@pytest.fixture
def home(db):
    return make_home()


@pytest.fixture
def afval(db):
    group = TeamFactory(name="Afval", slug="afval").group
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    return group


@pytest.fixture
def burgerzaken(db):
    group = TeamFactory(name="Burgerzaken", slug="burgerzaken").group
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    return group


def member(group, **kwargs):
    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(group)
    return user


# Publishing counts as a check


def test_publishing_sets_last_reviewed_and_review_by(home):
    page = ServicePageFactory(parent=home)
    page.title = "Afvalkalender"
    revision = page.save_revision()
    revisions = Revision.page_revisions.filter(object_id=str(page.pk)).count()

    revision.publish()

    page = ServicePage.objects.get(pk=page.pk)
    assert page.last_reviewed_on == TODAY()
    assert page.review_by == days(REVIEW_INTERVAL_DAYS)
    assert page.title == "Afvalkalender"
    # No extra revision; the published one carries the dates for the edit form.
    assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == revisions
    latest = page.get_latest_revision_as_object()
    assert latest.review_by == page.review_by
    assert latest.last_reviewed_on == TODAY()


def test_publishing_keeps_an_earlier_date_the_editor_chose(home):
    page = ContentPageFactory(parent=home)
    page.review_by = days(60)

    page.save_revision().publish()

    page = ContentPage.objects.get(pk=page.pk)
    assert page.review_by == days(60)
    assert page.last_reviewed_on == TODAY()


def test_publishing_replaces_a_date_in_the_past(home):
    page = ServicePageFactory(parent=home, review_by=days(-3), last_reviewed_on=days(-400))

    page.save_revision().publish()

    page = ServicePage.objects.get(pk=page.pk)
    assert page.review_by == days(REVIEW_INTERVAL_DAYS)
    assert page.last_reviewed_on == TODAY()


def test_publishing_a_news_page(home):
    news = NewsPageFactory(parent=NewsIndexPageFactory(parent=home))

    news.save_revision().publish()

    assert NewsPage.objects.get(pk=news.pk).last_reviewed_on == TODAY()


def test_ownership_models_are_the_cms_page_types():
    names = {model.__name__ for model in ownership_page_models()}

    assert {"ServicePage", "ContentPage", "NewsPage", "HomePage", "LocationPage"} <= names
    assert "FormPage" not in names


# Dashboard panel


def test_due_pages_for_a_team(home, afval, burgerzaken):
    late = ServicePageFactory(parent=home, title="Grofvuil", owner_group=afval, review_by=days(-5))
    soon = ContentPageFactory(parent=home, title="Afvalpas", owner_group=afval, review_by=days(20))
    ServicePageFactory(parent=home, title="Later", owner_group=afval, review_by=days(90))
    ServicePageFactory(parent=home, title="Zonder datum", owner_group=afval)
    ServicePageFactory(
        parent=home, title="Concept", owner_group=afval, review_by=days(-5), live=False
    )
    ServicePageFactory(parent=home, title="Paspoort", owner_group=burgerzaken, review_by=days(-1))

    pages, total = due_pages(user=member(afval))

    assert [(p.pk, p.status, p.team) for p in pages] == [
        (late.pk, "te laat", "Afval"),
        (soon.pk, "binnenkort", "Afval"),
    ]
    assert total == 2


def test_superuser_sees_every_team(home, afval, burgerzaken):
    ServicePageFactory(parent=home, owner_group=afval, review_by=days(-5))
    ServicePageFactory(parent=home, owner_group=burgerzaken, review_by=days(3))
    ServicePageFactory(parent=home, review_by=days(3))

    _, total = due_pages(user=UserFactory(is_superuser=True, is_staff=True))

    assert total == 3


def test_due_pages_limit_and_total(home, afval):
    for n in range(5):
        ServicePageFactory(parent=home, owner_group=afval, review_by=days(n))

    pages, total = due_pages(user=member(afval), limit=3)

    assert len(pages) == 3
    assert total == 5


def test_dashboard_panel_shows_the_editors_team_only(client, home, afval, burgerzaken):
    ServicePageFactory(parent=home, title="Grofvuil", owner_group=afval, review_by=days(-5))
    ContentPageFactory(parent=home, title="Afvalpas", owner_group=afval, review_by=days(10))
    ServicePageFactory(parent=home, title="Paspoort", owner_group=burgerzaken, review_by=days(-5))
    client.force_login(member(afval))

    html = client.get("/admin/").content.decode()

    assert "Te controleren pagina" in html
    assert "Grofvuil" in html
    assert "te laat" in html
    assert "Afvalpas" in html
    assert "binnenkort" in html
    assert "Paspoort" not in html


def test_dashboard_panel_hidden_when_the_team_has_no_pages(client, home, afval, burgerzaken):
    ServicePageFactory(parent=home, owner_group=burgerzaken, review_by=days(100))
    client.force_login(member(afval))

    html = client.get("/admin/").content.decode()

    assert "Te controleren pagina" not in html


def test_dashboard_query_count_does_not_grow_with_pages(client, home, afval):
    ServicePageFactory(parent=home, owner_group=afval, review_by=days(-5))
    client.force_login(member(afval))
    client.get("/admin/")
    with CaptureQueriesContext(connection) as few:
        client.get("/admin/")
    for n in range(6):
        ServicePageFactory(parent=home, owner_group=afval, review_by=days(n))
        ContentPageFactory(parent=home, owner_group=afval, review_by=days(-n))
    with CaptureQueriesContext(connection) as many:
        client.get("/admin/")

    assert len(many) == len(few)


# Reminder e-mail


def test_reminder_sends_one_mail_per_team_with_its_own_pages(home, afval, burgerzaken):
    ServicePageFactory(parent=home, title="Grofvuil", owner_group=afval, review_by=days(-5))
    ContentPageFactory(parent=home, title="Afvalpas", owner_group=afval, review_by=days(10))
    ServicePageFactory(parent=home, title="Paspoort", owner_group=burgerzaken, review_by=days(-1))
    ServicePageFactory(parent=home, title="Later", owner_group=burgerzaken, review_by=days(90))
    member(afval, email="a@hethogeland.nl")
    member(afval, email="b@hethogeland.nl")
    member(afval, email="")
    member(afval, email="weg@hethogeland.nl", is_active=False)
    member(burgerzaken, email="c@hethogeland.nl")
    quiet = GroupFactory(name="Wmo")
    ServicePageFactory(parent=home, title="Hulp", owner_group=quiet, review_by=days(200))
    member(quiet, email="d@hethogeland.nl")

    # E-mail goes through the outbox: sent once the task's transaction commits.
    with TestCase.captureOnCommitCallbacks(execute=True):
        result = send_review_reminders.enqueue()

    assert result.return_value == 2
    assert len(mail.outbox) == 2
    by_team = {tuple(message.to): message for message in mail.outbox}
    afval_mail = by_team[("a@hethogeland.nl", "b@hethogeland.nl")]
    assert afval_mail.subject == "2 pagina's op de website controleren"
    assert "Grofvuil" in afval_mail.body
    assert "Afvalpas" in afval_mail.body
    assert "Paspoort" not in afval_mail.body
    assert "Te laat:" in afval_mail.body
    assert "Binnenkort:" in afval_mail.body
    assert "/admin/pages/" in afval_mail.body
    assert "&#x27;" not in afval_mail.body
    burgerzaken_mail = by_team[("c@hethogeland.nl",)]
    assert burgerzaken_mail.subject == "1 pagina op de website controleren"
    assert "Paspoort" in burgerzaken_mail.body
    assert "Grofvuil" not in burgerzaken_mail.body
    assert "Later" not in burgerzaken_mail.body


def test_reminder_sends_nothing_when_nothing_is_due(home, afval):
    ServicePageFactory(parent=home, owner_group=afval, review_by=days(100))
    ServicePageFactory(parent=home, review_by=days(-100))  # no team to remind
    member(afval, email="a@hethogeland.nl")

    assert send_review_reminders.enqueue().return_value == 0
    assert mail.outbox == []


def test_command_enqueues_the_reminders(home, afval, capsys):
    ServicePageFactory(parent=home, title="Grofvuil", owner_group=afval, review_by=days(-5))
    member(afval, email="a@hethogeland.nl")

    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("send_review_reminders")

    assert len(mail.outbox) == 1
    assert "Grofvuil" in mail.outbox[0].body
    assert "verstuurd: 1" in capsys.readouterr().out


# "Gecontroleerd, geen wijzigingen"


def reviewed_url(page):
    return f"/admin/paginas/{page.pk}/gecontroleerd/"


def editor_for(home, group=None):
    redactie = GroupFactory(name="Redactie")
    redactie.permissions.add(Permission.objects.get(codename="access_admin"))
    for permission_type in ("add", "change"):
        GroupPagePermission.objects.get_or_create(
            group=redactie,
            page=home,
            permission=Permission.objects.get(codename=f"{permission_type}_page"),
        )
    user = UserFactory(is_staff=True)
    user.groups.add(redactie, *([group] if group else []))
    return user


def test_the_edit_screen_offers_checked_without_changes(client, home, afval):
    page = ServicePageFactory(parent=home, owner_group=afval, review_by=days(-5))
    client.force_login(editor_for(home, afval))

    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()

    assert "Gecontroleerd, geen wijzigingen" in html
    assert reviewed_url(page) in html


def test_checked_without_changes_records_a_review_without_a_revision(client, home, afval):
    page = ServicePageFactory(
        parent=home, owner_group=afval, review_by=days(-5), last_reviewed_on=days(-370)
    )
    revisions = Revision.page_revisions.filter(object_id=str(page.pk)).count()
    user = editor_for(home, afval)
    client.force_login(user)

    confirm = client.get(reviewed_url(page))
    response = client.post(reviewed_url(page))

    assert confirm.status_code == 200
    assert "Gecontroleerd, geen wijzigingen" in confirm.content.decode()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{page.pk}/edit/"
    page = ServicePage.objects.get(pk=page.pk)
    assert page.last_reviewed_on == TODAY()
    assert page.review_by == days(REVIEW_INTERVAL_DAYS)
    assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == revisions
    assert not page.workflow_in_progress
    assert PageLogEntry.objects.filter(page=page, action="cms.page_reviewed", user=user).exists()
    # The edit form shows the new date, and the page is off the dashboard.
    edit = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert (
        formats.date_format(TODAY(), "DATE_FORMAT") in edit or TODAY().strftime("%d-%m-%Y") in edit
    )
    assert due_pages(user=user)[1] == 0


def test_checked_without_changes_keeps_a_waiting_draft(client, home, afval):
    page = ServicePageFactory(parent=home, owner_group=afval, title="Paspoort", review_by=days(-5))
    page.title = "Paspoort aanvragen"
    page.save_revision()
    client.force_login(editor_for(home, afval))

    client.post(reviewed_url(page))

    page = ServicePage.objects.get(pk=page.pk)
    assert page.title == "Paspoort"
    assert page.has_unpublished_changes
    assert page.get_latest_revision_as_object().title == "Paspoort aanvragen"
    assert page.last_reviewed_on == TODAY()


def test_checked_without_changes_needs_permission_to_edit(client, home, afval):
    page = ServicePageFactory(parent=home, owner_group=afval, review_by=days(-5))
    client.force_login(member(afval))  # staff of the team, no page permissions

    response = client.post(reviewed_url(page))

    assert response.status_code in (302, 403)
    assert ServicePage.objects.get(pk=page.pk).review_by == days(-5)


def test_the_date_last_checked_cannot_be_typed(client, home, afval):
    page = NewsIndexPageFactory(parent=home, owner_group=afval, last_reviewed_on=days(-10))
    client.force_login(editor_for(home, afval))
    edit_url = f"/admin/pages/{page.pk}/edit/"

    html = client.get(edit_url).content.decode()
    assert 'name="last_reviewed_on"' not in html

    response = client.post(
        edit_url,
        {
            "title": page.title,
            "slug": page.slug,
            "intro": "Nieuws uit de gemeente.",
            "owner_group": afval.pk,
            "last_reviewed_on": "2030-01-01",
        },
    )

    assert response.status_code == 302
    latest = NewsIndexPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert latest.intro == "Nieuws uit de gemeente."
    assert latest.last_reviewed_on == days(-10)


# Dashboard: what comes up next


def test_dashboard_panel_shows_what_comes_next_when_nothing_is_due(client, home, afval):
    ServicePageFactory(parent=home, title="Grofvuil", owner_group=afval, review_by=days(100))
    ContentPageFactory(parent=home, title="Afvalpas", owner_group=afval, review_by=days(45))
    ServicePageFactory(parent=home, title="Later", owner_group=afval, review_by=days(300))
    client.force_login(member(afval))

    html = client.get("/admin/").content.decode()

    assert "Te controleren pagina" in html
    assert "Nu hoeft er niets gecontroleerd te worden" in html
    assert "Als eerste aan de beurt" in html
    assert html.index("Afvalpas") < html.index("Grofvuil")
    assert formats.date_format(days(45), "j F Y") in html

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Revision

from cms.constants import REVIEW_INTERVAL_DAYS
from cms.models import ContentPage, NewsPage, ServicePage
from cms.review import due_pages, ownership_page_models
from cms.tasks import send_review_reminders
from tests.cms.factories import (
    ContentPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    ServicePageFactory,
    make_home,
)
from tests.contacts.factories import GroupFactory, UserFactory

TODAY = timezone.localdate


def days(n):
    return TODAY() + dt.timedelta(days=n)


@pytest.fixture
def home(db):
    return make_home()


@pytest.fixture
def afval(db):
    group = GroupFactory(name="Afval")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    return group


@pytest.fixture
def burgerzaken(db):
    group = GroupFactory(name="Burgerzaken")
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


def test_dashboard_panel_hidden_when_nothing_is_due(client, home, afval):
    ServicePageFactory(parent=home, owner_group=afval, review_by=days(100))
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

    call_command("send_review_reminders")

    assert len(mail.outbox) == 1
    assert "Grofvuil" in mail.outbox[0].body
    assert "verstuurd: 1" in capsys.readouterr().out

"""The first authenticator app is set up only through a link functioneel beheer issued: a
password alone (say, a new employee's, overheard) never lets someone else enrol their app."""

import datetime as dt
import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.contacts.factories import UserFactory
from tests.staffauth.conftest import PASSWORD, code_for, issue_link, password_login

pytestmark = pytest.mark.django_db
ENROL = "/admin/tweestaps/instellen/"
ASK = "Vraag een koppellink aan bij functioneel beheer"
DEAD = "Deze koppellink werkt niet (meer)"


def _enrol(client) -> Client:
    client.get(ENROL)
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post(ENROL, {"code": code_for(device)})
    assert "Uw herstelcodes" in response.content.decode()
    return client


def test_without_a_link_the_password_alone_sets_up_nothing(client, editor):
    password_login(client)

    assert client.get("/admin/")["Location"].startswith(ENROL)
    page = client.get(ENROL).content.decode()
    assert ASK in page
    assert "<svg" not in page
    assert not TOTPDevice.objects.exists()
    response = client.post(ENROL, {"code": "123456"})
    assert ASK in response.content.decode()
    assert not TOTPDevice.objects.exists()
    assert client.get("/admin/").status_code == 302


def test_the_link_then_the_password_sets_up_the_app(client, editor):
    link = issue_link()

    assert client.get(link)["Location"] == ENROL
    assert client.get(ENROL)["Location"].startswith("/admin/login/")
    password_login(client)
    page = client.get(ENROL).content.decode()
    assert "QR-code voor de authenticator-app" in page
    _enrol(client)
    assert client.get("/admin/").status_code == 200


def test_the_link_also_works_after_the_password(client, editor):
    link = issue_link()
    password_login(client)
    assert ASK in client.get(ENROL).content.decode()

    client.get(link)

    assert "QR-code voor de authenticator-app" in client.get(ENROL).content.decode()


def test_a_link_works_once(client, editor):
    link = issue_link()
    client.get(link)
    password_login(client)
    _enrol(client)

    other_browser = Client()
    response = other_browser.get(link)

    assert DEAD in response.content.decode()
    assert response.status_code == 400


def test_a_new_link_ends_the_old_one(client, editor):
    old = issue_link()
    new = issue_link()

    assert DEAD in client.get(old).content.decode()
    assert client.get(new)["Location"] == ENROL


def test_a_link_opened_earlier_stops_working_when_a_new_one_is_issued(client, editor):
    client.get(issue_link())
    password_login(client)
    issue_link()

    assert ASK in client.get(ENROL).content.decode()


def test_a_link_works_for_72_hours(client, editor, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False)
    link = issue_link()
    time_machine.shift(dt.timedelta(hours=71, minutes=59))
    assert Client().get(link)["Location"] == ENROL

    time_machine.shift(dt.timedelta(minutes=2))

    assert DEAD in client.get(link).content.decode()


def test_a_link_is_for_one_person_only(client, editor):
    UserFactory(username="collega", is_staff=True, password=PASSWORD)
    client.get(issue_link("redacteur"))

    password_login(client, username="collega")

    assert ASK in client.get(ENROL).content.decode()


def test_a_changed_link_does_not_work(client, editor):
    link = issue_link()
    token = link.rstrip("/").rsplit("/", 1)[1]
    forged = link.replace(token, token[:-2] + ("AA" if token[-2:] != "AA" else "BB"))

    assert DEAD in client.get(forged).content.decode()


def test_the_command_refuses_someone_who_has_an_app_and_someone_unknown(editor_with_app):
    with pytest.raises(CommandError, match="heeft al een authenticator-app"):
        call_command("issue_enrolment_link", "redacteur", stdout=io.StringIO())
    with pytest.raises(CommandError, match="Geen gebruiker"):
        call_command("issue_enrolment_link", "niemand", stdout=io.StringIO())


def test_the_command_says_until_when_the_link_works(editor, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False)
    out = io.StringIO()

    call_command("issue_enrolment_link", "redacteur", stdout=out)

    assert "geldig tot 5 maart 2026 10:00" in out.getvalue()
    assert re.search(r"http://\S+/admin/tweestaps/koppelen/\S+/", out.getvalue())

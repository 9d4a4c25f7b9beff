"""Repeated failures lock the account and the address for a while (django-axes)."""

import datetime as dt

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.contacts.factories import UserFactory
from tests.staffauth.conftest import PASSWORD, code_for, password_login

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 3, 3, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(START, tick=False)
    return time_machine


def _fail(client, times, username="redacteur", **extra):
    for _ in range(times):
        response = password_login(client, username=username, password="fout", **extra)
    return response


def _assert_locked_page(response, *, seconds_left=900, time_left="nog 15 minuten"):
    assert response.status_code == 429
    assert response["Retry-After"] == str(seconds_left)
    page = response.content.decode()
    assert "Tijdelijk geblokkeerd" in page
    assert f"U kunt {time_left} niet inloggen." in page


def test_four_wrong_passwords_still_allow_the_right_one(client, editor, clock):
    _fail(client, 4)

    password_login(client)

    assert client.session[SESSION_KEY] == str(editor.pk)


def test_after_five_wrong_passwords_even_the_right_one_is_refused(client, editor, clock):
    assert _fail(client, 5).status_code == 429

    response = password_login(client)

    _assert_locked_page(response)
    assert SESSION_KEY not in client.session


def test_the_lockout_page_shows_the_time_left_not_the_whole_cool_off(client, editor, clock):
    _fail(client, 5)

    clock.shift(dt.timedelta(minutes=3))
    _assert_locked_page(password_login(client), seconds_left=720, time_left="nog 12 minuten")
    clock.shift(dt.timedelta(minutes=11, seconds=30))
    _assert_locked_page(password_login(client), seconds_left=30, time_left="nog 1 minuut")


def test_the_time_left_counts_from_the_latest_failure_that_keeps_the_lock(client, editor, clock):
    _fail(client, 3, REMOTE_ADDR="10.0.0.1")
    clock.shift(dt.timedelta(minutes=10))
    _fail(client, 2, REMOTE_ADDR="10.0.0.2")

    response = password_login(Client(REMOTE_ADDR="10.0.0.3"))

    # The first three failures expire in 5 minutes; the two later ones alone do not lock.
    _assert_locked_page(response, seconds_left=300, time_left="nog 5 minuten")


def test_the_account_is_locked_from_another_address_too(client, editor, clock):
    _fail(client, 5, REMOTE_ADDR="10.0.0.1")

    response = password_login(Client(REMOTE_ADDR="10.0.0.2"))

    _assert_locked_page(response)


def test_the_address_is_locked_for_other_accounts_too(client, editor, clock):
    UserFactory(username="collega", is_staff=True, password=PASSWORD)
    _fail(client, 5, REMOTE_ADDR="10.0.0.1")

    response = password_login(Client(REMOTE_ADDR="10.0.0.1"), username="collega")

    assert response.status_code == 429


def test_another_account_from_another_address_is_not_affected(client, editor, clock):
    colleague = UserFactory(username="collega", is_staff=True, password=PASSWORD)
    _fail(client, 5, REMOTE_ADDR="10.0.0.1")
    other = Client(REMOTE_ADDR="10.0.0.2")

    response = password_login(other, username="collega")

    assert response.status_code == 302
    assert other.session[SESSION_KEY] == str(colleague.pk)


def test_the_lock_ends_after_the_cool_off(client, editor, clock):
    _fail(client, 5)
    clock.shift(dt.timedelta(minutes=14))
    assert password_login(client).status_code == 429

    clock.shift(dt.timedelta(minutes=16))
    response = password_login(client)

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(editor.pk)


def test_wrong_codes_lock_the_account_as_well(client, editor_with_app, clock):
    device = TOTPDevice.objects.get(user=editor_with_app)
    password_login(client)
    for _ in range(4):
        assert client.post("/admin/tweestaps/", {"code": "000000"}).status_code == 400
        clock.shift(dt.timedelta(minutes=1))  # past django-otp's own growing delay

    fifth = client.post("/admin/tweestaps/", {"code": "000000"})
    clock.shift(dt.timedelta(minutes=1))
    right_code = client.post("/admin/tweestaps/", {"code": code_for(device)})

    _assert_locked_page(fifth)
    assert right_code.status_code == 429
    assert client.get("/admin/").status_code == 302


def test_residents_logging_in_with_digid_are_never_counted(client, clock):
    from tests.portal.oidc import login_with_digid

    _fail(client, 5, username="iemand")

    login_with_digid(client)

    assert client.get("/mijn/").status_code == 200

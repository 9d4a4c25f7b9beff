"""Staff have their own idle limit in the admin, also after a login with the second factor."""

import datetime as dt

import pytest
from django.contrib.auth import SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.staffauth.conftest import code_for, password_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def verified_client(client, editor_with_app, time_machine, settings):
    settings.STAFF_SESSION_IDLE_SECONDS = 3600
    time_machine.move_to(dt.datetime(2026, 3, 3, 9, 0, tzinfo=dt.UTC), tick=False)
    password_login(client)
    client.post("/admin/tweestaps/", {"code": code_for(TOTPDevice.objects.get())})
    assert client.get("/admin/").status_code == 200
    return client


def test_59_minutes_idle_in_the_admin_keeps_the_staff_member_logged_in(
    verified_client, time_machine
):
    time_machine.shift(dt.timedelta(minutes=59))

    assert verified_client.get("/admin/").status_code == 200


def test_61_minutes_idle_ends_the_session_and_the_second_factor_with_it(
    verified_client, time_machine
):
    time_machine.shift(dt.timedelta(minutes=61))

    response = verified_client.get("/admin/")

    assert response["Location"].startswith("/admin/login/")
    assert SESSION_KEY not in verified_client.session

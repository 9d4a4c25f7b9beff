"""Herstelcodes vernieuwen: staff renew their recovery codes with a fresh code from the app,
see the new ones once, and are warned when few are left."""

import datetime as dt
import re

import pytest
from axes.models import AccessAttempt
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from tests.staffauth.conftest import code_for, password_login, verified_login

pytestmark = pytest.mark.django_db
RENEW = "/admin/account/herstelcodes/"
OLD = ["abcd2345", "efgh6723", "jkmn2345"]


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 3, 9, 0, tzinfo=dt.UTC), tick=False)
    return time_machine


@pytest.fixture
def old_codes(editor):
    device = StaticDevice.objects.create(user=editor, name="Herstelcodes")
    for token in OLD:
        device.token_set.create(token=token)
    return device


@pytest.fixture
def logged_in(client, editor, old_codes, clock):
    device = verified_login(client, editor)
    clock.shift(dt.timedelta(seconds=60))  # the login's code is used up; the next one is fresh
    return device


def _codes(page: str) -> list[str]:
    return re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)


def test_new_codes_after_a_fresh_code_from_the_app_shown_once(client, logged_in):
    page = client.get(RENEW).content.decode()
    assert "U heeft nog 3 ongebruikte herstelcodes." in page

    response = client.post(RENEW, {"code": code_for(logged_in)})

    codes = _codes(response.content.decode())
    assert response.status_code == 200
    assert "Uw oude herstelcodes werken niet meer" in response.content.decode()
    assert len(set(codes)) == 10
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(codes)
    again = client.get(RENEW).content.decode()
    assert codes[0] not in again
    assert "U heeft nog 10 ongebruikte herstelcodes." in again


def test_the_old_codes_no_longer_log_in(client, logged_in, clock):
    client.post(RENEW, {"code": code_for(logged_in)})
    client.post("/admin/logout/")
    clock.shift(dt.timedelta(seconds=60))
    password_login(client)

    response = client.post("/admin/tweestaps/", {"code": OLD[1]})

    assert response.status_code == 400
    assert client.get("/admin/").status_code == 302


def test_a_wrong_code_renews_nothing_and_counts_towards_the_lockout(client, logged_in):
    response = client.post(RENEW, {"code": "000000"})

    assert response.status_code == 400
    assert "Fout: Herstelcodes vernieuwen" in response.content.decode()
    assert "Deze code klopt niet" in response.content.decode()
    assert sorted(StaticToken.objects.values_list("token", flat=True)) == OLD
    assert AccessAttempt.objects.get(username="redacteur").failures_since_start == 1


def test_the_code_just_used_to_log_in_is_not_fresh(client, editor, old_codes, clock):
    device = verified_login(client, editor)

    response = client.post(RENEW, {"code": code_for(device)})

    assert response.status_code == 400
    assert sorted(StaticToken.objects.values_list("token", flat=True)) == OLD


def test_a_recovery_code_cannot_renew_the_recovery_codes(client, logged_in):
    response = client.post(RENEW, {"code": OLD[0]})

    assert response.status_code == 400
    assert sorted(StaticToken.objects.values_list("token", flat=True)) == OLD


def test_two_codes_left_gives_a_warning_on_the_page_and_after_login(client, editor, clock):
    device = StaticDevice.objects.create(user=editor, name="Herstelcodes")
    device.token_set.create(token="abcd2345")
    device.token_set.create(token="efgh6723")
    device.token_set.create(token="jkmn2345")
    verified_login(client, editor)
    assert "help-warning" not in client.get(RENEW).content.decode()
    client.post("/admin/logout/")
    clock.shift(dt.timedelta(seconds=60))
    password_login(client)

    client.post("/admin/tweestaps/", {"code": "abcd2345"})

    dashboard = client.get("/admin/").content.decode()
    assert "U heeft nog 2 herstelcodes. Maak nieuwe aan" in dashboard
    page = client.get(RENEW).content.decode()
    assert "help-warning" in page
    assert "U heeft nog 2 ongebruikte herstelcodes." in page


def test_the_account_page_links_to_renewing_with_the_number_left(client, logged_in):
    page = client.get("/admin/account/").content.decode()

    assert f'href="{RENEW}"' in page
    assert "Herstelcodes vernieuwen" in page
    assert "U heeft nog 3 ongebruikte herstelcodes." in page


def test_renewing_needs_the_second_factor_first(client, editor, old_codes):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=editor, name="Authenticator-app", confirmed=True)
    password_login(client)

    response = client.post(RENEW, {"code": "123456"})

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/tweestaps/")
    assert sorted(StaticToken.objects.values_list("token", flat=True)) == OLD

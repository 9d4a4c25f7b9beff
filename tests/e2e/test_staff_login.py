"""The staff login with the second factor in a real browser: set up the app, see the
recovery codes, log in again with a code; axe-core finds nothing (WCAG 2.2 AA)."""

import re
import time

import pytest
from django.contrib.auth.models import Permission
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.contacts.factories import UserFactory
from tests.staffauth.conftest import PASSWORD, code_for

pytestmark = pytest.mark.e2e


@pytest.fixture
def staff_member(transactional_db, settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = True
    user = UserFactory(username="medewerker", is_staff=True, password=PASSWORD)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def _password(page, base_url):
    page.goto(base_url + "/admin/login/")
    page.locator("#id_username").fill("medewerker")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.login-form button[type=submit]").click()


def test_first_login_sets_up_the_app_and_the_next_asks_for_a_code(
    live_server, staff_member, new_page, assert_accessible
):
    page = new_page()
    _password(page, live_server.url)

    expect(page.get_by_role("heading", name="Authenticator-app instellen")).to_be_visible()
    expect(page.locator(".staffauth-qr svg title")).to_have_text(
        "QR-code voor de authenticator-app"
    )
    assert_accessible(page, "setting up the authenticator app")
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Code controleren").click()
    expect(page).to_have_title(re.compile("^Fout: "))
    assert_accessible(page, "a wrong first code")
    time.sleep(1.1)  # django-otp's own delay after a wrong code

    page.get_by_label("Code").fill(code_for(TOTPDevice.objects.get()))
    page.get_by_role("button", name="Code controleren").click()
    expect(page.get_by_role("heading", name="Uw herstelcodes")).to_be_visible()
    expect(page.locator(".staffauth-codes li")).to_have_count(10)
    assert_accessible(page, "the recovery codes")
    page.get_by_role("link", name="Ik heb de codes bewaard, ga verder").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    # The dashboard's response renews the session cookie: let it arrive before clearing.
    page.wait_for_load_state("networkidle")

    page.context.clear_cookies()
    _password(page, live_server.url)
    expect(page.get_by_role("heading", name="Code invullen")).to_be_visible()
    assert_accessible(page, "the code page")

"""The staff login with the second factor in a real browser: without an enrolment link nothing
is set up; with it, set up the app, see the recovery codes, log in again with a code; renew the
recovery codes; functioneel beheer makes a link. axe-core finds nothing (WCAG 2.2 AA), and the
forms work from the keyboard."""

import re
import time

import pytest
from django.contrib.auth.models import Permission
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from staffauth import enrolment
from staffauth.services import enrolment_link_issue
from tests.contacts.factories import UserFactory
from tests.e2e.animations import settled
from tests.staffauth.conftest import PASSWORD, code_for, path_of

pytestmark = pytest.mark.e2e


def _staff(username, *codenames):
    user = UserFactory(username=username, is_staff=True, password=PASSWORD)
    for codename in ("access_admin", *codenames):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


@pytest.fixture
def staff_member(transactional_db, settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = True
    return _staff("medewerker")


def _password(page, base_url, username="medewerker"):
    page.goto(base_url + "/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.login-form button[type=submit]").click()


def _with_code(page, base_url, user):
    device = TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=True)
    _password(page, base_url, user.get_username())
    expect(page.get_by_role("heading", name="Code invullen")).to_be_visible()
    page.get_by_label("Code").fill(code_for(device))
    page.get_by_label("Code").press("Enter")
    expect(page).to_have_url(re.compile(r"/admin/$"))
    return device


def test_first_login_sets_up_the_app_and_the_next_asks_for_a_code(
    live_server, staff_member, new_page, assert_accessible
):
    page = new_page()
    _password(page, live_server.url)
    heading = "Vraag een koppellink aan bij functioneel beheer"
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    assert_accessible(settled(page), "no enrolment link")
    page.goto(live_server.url + "/admin/tweestaps/koppelen/onzin/")
    expect(page.get_by_role("heading", name="Deze koppellink werkt niet (meer)")).to_be_visible()
    assert_accessible(settled(page), "a link that does not work")

    token = enrolment_link_issue(user=staff_member, by="test")
    page.goto(live_server.url + path_of(enrolment.link_url(token)))
    expect(page.get_by_role("heading", name="Authenticator-app instellen")).to_be_visible()
    expect(page.locator(".staffauth-qr svg title")).to_have_text(
        "QR-code voor de authenticator-app"
    )
    assert_accessible(settled(page), "setting up the authenticator app")
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Code controleren").click()
    expect(page).to_have_title(re.compile("^Fout: "))
    assert_accessible(settled(page), "a wrong first code")
    time.sleep(1.1)  # django-otp's own delay after a wrong code

    page.get_by_label("Code").fill(code_for(TOTPDevice.objects.get()))
    page.get_by_role("button", name="Code controleren").click()
    expect(page.get_by_role("heading", name="Uw herstelcodes")).to_be_visible()
    expect(page.locator(".staffauth-codes li")).to_have_count(10)
    assert_accessible(settled(page), "the recovery codes")
    page.get_by_role("link", name="Ik heb de codes bewaard, ga verder").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    # The dashboard's response renews the session cookie: let it arrive before clearing.
    page.wait_for_load_state("networkidle")

    page.context.clear_cookies()
    _password(page, live_server.url)
    expect(page.get_by_role("heading", name="Code invullen")).to_be_visible()
    assert_accessible(settled(page), "the code page")


def test_renewing_the_recovery_codes(live_server, staff_member, new_page, assert_accessible):
    device = StaticDevice.objects.create(user=staff_member, name="Herstelcodes")
    device.token_set.create(token="abcd2345")
    page = new_page()
    app = _with_code(page, live_server.url, staff_member)

    page.goto(live_server.url + "/admin/account/")
    page.get_by_role("tab", name="Meer acties").click()
    page.get_by_role("link", name="Herstelcodes vernieuwen").click()
    expect(page.get_by_role("heading", name="Herstelcodes vernieuwen")).to_be_visible()
    expect(page.get_by_text("U heeft nog 1 ongebruikte herstelcode.")).to_be_visible()
    assert_accessible(settled(page), "renewing the recovery codes")
    page.get_by_label("Code").fill("000000")
    page.get_by_label("Code").press("Enter")
    expect(page).to_have_title(re.compile("^Fout: "))
    assert_accessible(settled(page), "a wrong code when renewing")
    time.sleep(1.1)  # django-otp's own delay after a wrong code

    # The login's code is used up; the next one is accepted already.
    page.get_by_label("Code").fill(code_for(app, steps_ahead=1))
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Nieuwe herstelcodes maken")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Uw nieuwe herstelcodes")).to_be_visible()
    expect(page.locator(".staffauth-codes li")).to_have_count(10)
    expect(page.get_by_label("Alle codes, om te kopiëren")).to_have_value(
        re.compile(r"^[a-z2-7]{8}(\n[a-z2-7]{8}){9}$")
    )
    assert_accessible(settled(page), "the new recovery codes")


def test_functioneel_beheer_makes_an_enrolment_link(
    live_server, staff_member, new_page, assert_accessible
):
    beheer = _staff("beheer", "change_user", "view_user")
    page = new_page()
    _with_code(page, live_server.url, beheer)

    page.goto(live_server.url + f"/admin/koppellink/{staff_member.pk}/")
    expect(page.get_by_role("heading", name="Koppellink voor de authenticator-app")).to_be_visible()
    assert_accessible(settled(page), "making an enrolment link")
    page.get_by_role("button", name="Koppellink maken").focus()
    page.keyboard.press("Enter")
    link = page.get_by_label("Koppellink")
    expect(link).to_have_value(re.compile(r"/admin/tweestaps/koppelen/.+/$"))
    assert_accessible(settled(page), "the enrolment link")

"""A staff password alone opens no admin page: the second factor comes first."""

import datetime as dt
import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import URLPattern, URLResolver, get_resolver
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.staffauth.conftest import code_for, issue_link, password_login

pytestmark = pytest.mark.django_db
VERIFY = "/admin/tweestaps/"
ENROL = "/admin/tweestaps/instellen/"


def _admin_paths(patterns=None, prefix=""):
    """Every admin URL in the project, with 1 for each parameter."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if route.startswith("admin/") or "admin/".startswith(route):
                yield from _admin_paths(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and route.startswith("admin/"):
            if route.startswith("^") or "(?P" in route:
                continue
            yield "/" + re.sub(r"<(?:\w+:)?\w+>", "1", route)


ADMIN_PATHS = [
    path
    for path in sorted(set(_admin_paths()))
    if not path.startswith(
        (VERIFY, "/admin/login/", "/admin/logout/", "/admin/jsi18n/", "/admin/sprite/")
    )
]


def test_the_walk_finds_the_admin():
    assert "/admin/" in ADMIN_PATHS
    assert "/admin/cases/case/" in ADMIN_PATHS
    assert "/admin/pages/1/edit/" in ADMIN_PATHS
    assert len(ADMIN_PATHS) > 150


def test_after_the_password_no_admin_page_opens_without_the_code(client, editor_with_app):
    password_login(client)
    assert client.session[SESSION_KEY] == str(editor_with_app.pk)

    for path in ADMIN_PATHS:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(VERIFY + "?next="), path
    assert client.post("/admin/pages/1/delete/").status_code == 302


def test_without_an_app_the_staff_member_is_asked_to_set_one_up(client, editor):
    password_login(client)

    response = client.get("/admin/cases/case/")

    assert response.status_code == 302
    assert response["Location"] == ENROL + "?next=%2Fadmin%2Fcases%2Fcase%2F"


def test_setting_up_the_app_shows_a_qr_code_and_the_secret_as_text(client, editor):
    client.get(issue_link())
    password_login(client)

    page = client.get(ENROL).content.decode()

    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    assert "<svg" in page
    assert "QR-code voor de authenticator-app" in page
    secret = re.search(r'aria-label="Geheime sleutel">([A-Z2-7 ]+)<', page).group(1)
    assert len(secret.replace(" ", "")) == 32
    # The same secret on a reload, so a scan before the reload still works.
    assert client.get(ENROL).content.decode().count(secret) == 1
    assert TOTPDevice.objects.filter(user=editor).count() == 1
    assert device.config_url.startswith("otpauth://totp/")


def test_a_wrong_first_code_is_refused(client, editor):
    client.get(issue_link())
    password_login(client)
    client.get(ENROL)

    response = client.post(ENROL, {"code": "000000"})

    assert response.status_code == 400
    assert "Deze code klopt niet" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_the_first_code_confirms_the_app_and_shows_ten_recovery_codes_once(client, editor):
    client.get(issue_link())
    password_login(client)
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=editor)

    response = client.post(ENROL, {"code": code_for(device), "next": "/admin/pages/"})

    page = response.content.decode()
    assert response.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    assert len(set(codes)) == 10
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(codes)
    assert client.get("/admin/").status_code == 200
    # Shown once: the page is gone, and the codes are nowhere else to be seen.
    again = client.get(ENROL, follow=True)
    assert again.redirect_chain[-1][0] == "/admin/"
    assert codes[0] not in again.content.decode()


def test_a_valid_code_opens_the_admin(client, editor_with_app):
    device = TOTPDevice.objects.get(user=editor_with_app)
    password_login(client)

    response = client.post(VERIFY, {"code": code_for(device), "next": "/admin/cases/case/"})

    assert response.status_code == 302
    assert response["Location"] == "/admin/cases/case/"
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_is_refused_and_counted(client, editor_with_app):
    from axes.models import AccessAttempt

    password_login(client)

    response = client.post(VERIFY, {"code": "123456"})

    assert response.status_code == 400
    assert "Fout: Code invullen" in response.content.decode()
    assert "Deze code klopt niet" in response.content.decode()
    assert AccessAttempt.objects.get(username="redacteur").failures_since_start == 1
    assert client.get("/admin/").status_code == 302


def test_a_recovery_code_works_once(client, editor_with_app, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 3, 9, 0, tzinfo=dt.UTC), tick=False)
    device = StaticDevice.objects.create(user=editor_with_app, name="Herstelcodes")
    device.token_set.create(token="abcd2345")
    device.token_set.create(token="efgh6723")
    password_login(client)

    assert client.post(VERIFY, {"code": "abcd 2345"}).status_code == 302
    assert client.get("/admin/").status_code == 200
    client.post("/admin/logout/")
    password_login(client)
    time_machine.shift(60)

    response = client.post(VERIFY, {"code": "abcd2345"})

    assert response.status_code == 400
    assert client.get("/admin/").status_code == 302
    assert list(device.token_set.values_list("token", flat=True)) == ["efgh6723"]


def test_the_code_page_is_only_for_a_logged_in_staff_member(client):
    assert client.get(VERIFY)["Location"].startswith("/admin/login/")


def test_an_unverified_staff_session_counts_as_anonymous_outside_the_admin(
    client, editor_with_app, settings
):
    from django.contrib.auth.models import Permission

    editor_with_app.user_permissions.add(Permission.objects.get(codename="add_submission"))
    password_login(client)

    response = client.get("/health/")

    assert response.wsgi_request.user.is_anonymous


def test_logging_out_needs_no_code(client, editor_with_app):
    password_login(client)

    client.post("/admin/logout/")

    assert SESSION_KEY not in client.session


def test_without_the_setting_a_password_login_is_enough(client, editor, settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = False
    password_login(client)

    assert client.get("/admin/").status_code == 200


def test_a_new_login_after_a_verified_one_asks_for_the_code_again(client, editor_with_app):
    from django.test import Client

    password_login(client)
    client.post(VERIFY, {"code": code_for(TOTPDevice.objects.get(user=editor_with_app))})
    assert client.get("/admin/").status_code == 200

    other_browser = Client()
    password_login(other_browser)

    response = other_browser.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/tweestaps/")

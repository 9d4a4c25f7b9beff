import pytest
from django.contrib.auth.models import Permission
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.contacts.factories import UserFactory

PASSWORD = "Juist-wachtwoord-2026"


@pytest.fixture(autouse=True)
def _second_factor_required(settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = True
    settings.AXES_FAILURE_LIMIT = 5


@pytest.fixture
def editor(db):
    user = UserFactory(username="redacteur", is_staff=True, password=PASSWORD)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def editor_with_app(editor):
    TOTPDevice.objects.create(user=editor, name="Authenticator-app", confirmed=True)
    return editor


def code_for(device, *, steps_ahead=0) -> str:
    """The app's code now, or (steps_ahead=1) the next one, which django-otp's tolerance of one
    step accepts already: a fresh code right after a login without waiting 30 seconds."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if steps_ahead:
        totp.time = totp.time + steps_ahead * device.step
    return str(totp.token()).zfill(device.digits)


def password_login(client, username="redacteur", password=PASSWORD, **extra):
    return client.post(
        "/admin/login/", {"username": username, "password": password, "next": "/admin/"}, **extra
    )


def path_of(url: str) -> str:
    """The path of a link as an administrator gets it (absolute, on WAGTAILADMIN_BASE_URL)."""
    from urllib.parse import urlsplit

    return urlsplit(url).path


def issue_link(username="redacteur") -> str:
    """An enrolment link as functioneel beheer issues it on the command line: its path."""
    import io
    import re

    from django.core.management import call_command

    out = io.StringIO()
    call_command("issue_enrolment_link", username, stdout=out)
    return path_of(re.search(r"https?://\S+", out.getvalue()).group(0))


def verified_login(client, user):
    """Password and a code from the user's app (made here if there is none)."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, confirmed=True, defaults={"name": "Authenticator-app"}
    )
    password_login(client, username=user.get_username())
    response = client.post("/admin/tweestaps/", {"code": code_for(device)})
    assert response.status_code == 302, response.content.decode()
    return device

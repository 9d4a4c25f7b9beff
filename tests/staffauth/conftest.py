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


def code_for(device) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return str(totp.token()).zfill(device.digits)


def password_login(client, username="redacteur", password=PASSWORD, **extra):
    return client.post(
        "/admin/login/", {"username": username, "password": password, "next": "/admin/"}, **extra
    )

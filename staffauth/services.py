"""Setting up and giving the second factor. Each wrong code counts towards the lockout."""

import re

import django_otp
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from staffauth.security_log import record
from staffauth.signals import SECOND_FACTOR

RECOVERY_CODE_COUNT = 10
TOTP_NAME = "Authenticator-app"
RECOVERY_NAME = "Herstelcodes"


def _clean(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()


@transaction.atomic
def totp_device_start(*, user) -> TOTPDevice:
    """The app being set up: the same secret on every reload until a code confirms it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, request, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the app with its first code; the answer is the new recovery codes (shown once)."""
    user = request.user
    if not device.verify_token(_clean(code)):
        _failed(request, user)
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    codes = recovery_codes_replace(user=user)
    _verified(request, device, event="second_factor_enrolled")
    return codes


@transaction.atomic
def recovery_codes_replace(*, user) -> list[str]:
    """Ten new single-use codes; earlier ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def second_factor_verify(*, request, code: str) -> bool:
    """A code from the app (six digits) or a recovery code, each used at most once."""
    user = request.user
    code = _clean(code)
    kind = TOTPDevice if code.isdigit() else StaticDevice
    with transaction.atomic():
        for device in kind.objects.devices_for_user(user, confirmed=True).select_for_update():
            if device.verify_token(code):
                _verified(request, device, event="second_factor")
                return True
    _failed(request, user)
    return False


def _verified(request, device, *, event: str) -> None:
    django_otp.login(request, device)
    # A new session key for the verified session: a key seen before the code is worth nothing.
    request.session.cycle_key()
    record(event, request=request, username=request.user.get_username(), outcome="success")


def _failed(request, user) -> None:
    username = user.get_username()
    record("second_factor", request=request, username=username, outcome="failure")
    # django-axes counts this like a wrong password, for the account and the address.
    user_login_failed.send(
        sender=__name__, credentials={"username": username, SECOND_FACTOR: True}, request=request
    )


@transaction.atomic
def second_factor_reset(*, user) -> int:
    """A lost phone and lost codes: the next login sets up a new app. Number of devices removed."""
    removed = TOTPDevice.objects.filter(user=user).delete()[0]
    removed += StaticDevice.objects.filter(user=user).delete()[0]
    record("second_factor_reset", request=None, username=user.get_username(), outcome="success")
    return removed

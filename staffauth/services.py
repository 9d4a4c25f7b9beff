"""Setting up and giving the second factor. Each wrong code counts towards the lockout."""

import re

import django_otp
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from staffauth import enrolment
from staffauth.security_log import record
from staffauth.signals import SECOND_FACTOR

RECOVERY_CODE_COUNT = 10
TOTP_NAME = "Authenticator-app"
RECOVERY_NAME = "Herstelcodes"


def _clean(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()


class AlreadyEnrolled(Exception):
    """The account has an authenticator app: a lost phone needs a reset, not a link."""


@transaction.atomic
def enrolment_link_issue(*, user, by: str, request=None) -> str:
    """A new enrolment link's token; earlier links of this account stop working."""
    # One link at a time, also when two administrators click at once.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    if user_has_device(user):
        raise AlreadyEnrolled(user.get_username())
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    record("enrolment_link", request=request, username=user.get_username(), outcome="issued", by=by)
    return enrolment.make_token(device)


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
    record("enrolment_link", request=request, username=user.get_username(), outcome="used")
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


def recovery_codes_renew(*, request, code: str) -> list[str] | None:
    """New recovery codes after a fresh code from the app (not a recovery code: whoever found
    the old codes must not be able to renew them); the old ones stop working."""
    user = request.user
    code = _clean(code)
    with transaction.atomic():
        devices = TOTPDevice.objects.devices_for_user(user, confirmed=True).select_for_update()
        if code.isdigit() and any(device.verify_token(code) for device in devices):
            codes = recovery_codes_replace(user=user)
            record(
                "recovery_codes_renewed",
                request=request,
                username=user.get_username(),
                outcome="success",
            )
            return codes
    _failed(request, user, event="recovery_codes_renewed")
    return None


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


def _failed(request, user, *, event: str = "second_factor") -> None:
    username = user.get_username()
    record(event, request=request, username=username, outcome="failure")
    # django-axes counts this like a wrong password, for the account and the address.
    user_login_failed.send(
        sender=__name__, credentials={"username": username, SECOND_FACTOR: True}, request=request
    )


@transaction.atomic
def second_factor_reset(*, user, by: str) -> str:
    """A lost phone and lost codes: everything goes, and the answer is a new enrolment link's
    token, for the staff member to set up a new app with."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    record(
        "second_factor_reset",
        request=None,
        username=user.get_username(),
        outcome="success",
        by=by,
    )
    return enrolment_link_issue(user=user, by=by)

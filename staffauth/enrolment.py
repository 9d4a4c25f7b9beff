"""Enrolment links: the first authenticator app is set up only through a link that functioneel
beheer issued, so a password alone never lets someone else enrol their app.

Issuing a link creates the app waiting to be set up (an unconfirmed TOTP device); the link's
signed token names that device and a digest of its secret. A newer link replaces the device, so
older links stop working; confirming the device with a code uses the link up. No table of our
own: the state lives in django-otp's device.
"""

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django_otp.plugins.otp_totp.models import TOTPDevice

SALT = "staffauth.enrolment"
SESSION_KEY = "staffauth_enrolment"


def lifetime() -> dt.timedelta:
    return dt.timedelta(hours=settings.STAFF_ENROLMENT_LINK_HOURS)


def _digest(device: TOTPDevice) -> str:
    return salted_hmac(SALT, f"{device.pk}:{device.key}").hexdigest()[:20]


def make_token(device: TOTPDevice) -> str:
    return signing.dumps({"u": device.user_id, "d": device.pk, "s": _digest(device)}, salt=SALT)


def link_url(token: str) -> str:
    path = reverse("staffauth:link", kwargs={"token": token})
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def valid_until() -> dt.datetime:
    return timezone.localtime(timezone.now() + lifetime())


def pending_device(token: str | None, *, user=None) -> TOTPDevice | None:
    """The app this link sets up, if the link is genuine, unexpired, not used and the newest."""
    if not token:
        return None
    try:
        data = signing.loads(token, salt=SALT, max_age=lifetime())
    except signing.BadSignature:
        return None
    device = (
        TOTPDevice.objects.filter(pk=data["d"], user_id=data["u"], confirmed=False)
        .select_related("user")
        .first()
    )
    if device is None or not device.user.is_active:
        return None
    if user is not None and device.user_id != user.pk:
        return None
    return device if constant_time_compare(_digest(device), data["s"]) else None


def token_username(token: str) -> str:
    """For the security log of a refused link: whose it was, if it is ours at all."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return ""
    user = get_user_model().objects.filter(pk=data.get("u")).first()
    return user.get_username() if user else ""

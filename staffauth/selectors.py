"""Reads that decide what a staff member sees about second factors."""

from django.contrib.auth import get_user_model
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

ISSUE_LINK_PERMISSION = "auth.change_user"
FEW_RECOVERY_CODES = 2


def may_issue_enrolment_links(user) -> bool:
    """Functioneel beheer: whoever may change user accounts."""
    return user.has_perm(ISSUE_LINK_PERMISSION)


def enrolment_link_targets(issuer):
    """Active accounts; a superuser's only for a superuser (the link is a way into that account)."""
    users = get_user_model().objects.filter(is_active=True)
    return users if issuer.is_superuser else users.filter(is_superuser=False)


def may_issue_link_for(issuer, target) -> bool:
    """The same rule as enrolment_link_targets, for one account already at hand."""
    return (
        may_issue_enrolment_links(issuer)
        and target.is_active
        and (issuer.is_superuser or not target.is_superuser)
    )


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def has_app(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()

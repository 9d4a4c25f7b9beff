"""Every staff password login, failed or not, and every lockout goes to the security log."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from staffauth.access import needs_second_factor
from staffauth.lockout import is_staff_login
from staffauth.security_log import record

# Sent by staffauth.services for a wrong second-factor code, so that django-axes counts it.
SECOND_FACTOR = "second_factor"


@receiver(user_logged_in, dispatch_uid="staffauth_log_login")
def log_login(sender, request, user, **kwargs):
    if needs_second_factor(user):
        record("login", request=request, username=user.get_username(), outcome="success")


@receiver(user_login_failed, dispatch_uid="staffauth_log_login_failed")
def log_login_failed(sender, credentials, request=None, **kwargs):
    if request is None or not is_staff_login(request) or credentials.get(SECOND_FACTOR):
        return
    record("login", request=request, username=credentials.get("username") or "", outcome="failure")


@receiver(user_locked_out, dispatch_uid="staffauth_log_locked_out")
def log_locked_out(sender, request, username, ip_address, **kwargs):
    record("login", request=request, username=username or "", outcome="locked_out")

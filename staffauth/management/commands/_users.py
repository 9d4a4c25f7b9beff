from django.contrib.auth import get_user_model
from django.core.management.base import CommandError


def active_user(username: str):
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"Geen gebruiker '{username}' (of niet actief).")
    return user

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from staffauth.services import second_factor_reset


class Command(BaseCommand):
    help = (
        "Remove a staff member's authenticator app and recovery codes (lost phone): the next "
        "login asks to set up a new app. Check who asks before running it."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Geen gebruiker '{username}'.")
        second_factor_reset(user=user)
        self.stdout.write(f"Tweestapsverificatie van '{username}' is verwijderd.")

from django.core.management.base import BaseCommand

from staffauth.management.commands._users import active_user
from staffauth.management.commands.issue_enrolment_link import link_text
from staffauth.services import second_factor_reset


class Command(BaseCommand):
    help = (
        "Remove a staff member's authenticator app and recovery codes (lost phone) and print a "
        "new enrolment link to set up a new app with. Check who asks before running it."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = active_user(username)
        token = second_factor_reset(user=user, by="command reset_second_factor")
        self.stdout.write(f"Tweestapsverificatie van '{username}' is verwijderd.")
        self.stdout.write(link_text(username, token))

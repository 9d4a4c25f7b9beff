from django.core.management.base import BaseCommand, CommandError
from django.utils.formats import date_format

from staffauth import enrolment
from staffauth.management.commands._users import active_user
from staffauth.services import AlreadyEnrolled, enrolment_link_issue


class Command(BaseCommand):
    help = (
        "Print a one-time link with which a staff member sets up the authenticator app (the "
        "first login needs it). A new link ends the previous one. Give it to the staff member "
        "only, not by the same route as the password."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = active_user(username)
        try:
            token = enrolment_link_issue(user=user, by="command issue_enrolment_link")
        except AlreadyEnrolled:
            raise CommandError(
                f"'{username}' heeft al een authenticator-app. Telefoon kwijt? Gebruik "
                f"reset_second_factor {username}."
            ) from None
        self.stdout.write(link_text(username, token))


def link_text(username: str, token: str) -> str:
    until = date_format(enrolment.valid_until(), "j F Y H:i")
    return (
        f"Koppellink voor '{username}' (werkt één keer, geldig tot {until}):\n"
        f"{enrolment.link_url(token)}"
    )

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from contacts.models import ApiToken, Team
from contacts.services import api_token_create, api_token_revoke


class Command(BaseCommand):
    help = (
        "Make a key for a webcare or chat tool to use the webcare API (/api/webcare/). "
        "The key is printed once; only its hash is stored. --revoke ID withdraws a key."
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", help="What uses the key, e.g. 'Webcare-tool OBI4wan'.")
        parser.add_argument("--team", help="Slug or name of the team that gets the contacts.")
        parser.add_argument("--revoke", type=int, metavar="ID", help="Withdraw the key ID.")
        parser.add_argument(
            "--list", dest="list_keys", action="store_true", help="List the keys (never the key)."
        )

    def handle(self, *args, name=None, team=None, revoke=None, list_keys=False, **options):
        if list_keys:
            for api_token in ApiToken.objects.select_related("team"):
                state = (
                    f"ingetrokken {api_token.revoked_at:%d-%m-%Y}"
                    if api_token.revoked_at
                    else "actief"
                )
                self.stdout.write(f"{api_token.pk}\t{api_token.name}\t{api_token.team}\t{state}")
            return
        if revoke is not None:
            api_token = ApiToken.objects.filter(pk=revoke).first()
            if api_token is None:
                raise CommandError(f"Er is geen sleutel met nummer {revoke}.")
            api_token_revoke(api_token=api_token)
            self.stdout.write(f"Sleutel {api_token.pk} ({api_token.name}) is ingetrokken.")
            return
        if not name or not team:
            raise CommandError("Geef --name en --team op.")
        team_obj = Team.objects.filter(Q(slug=team) | Q(name__iexact=team)).first()
        if team_obj is None:
            raise CommandError(f"Team {team!r} bestaat niet.")
        try:
            api_token, key = api_token_create(name=name, team=team_obj)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(f"Sleutel {api_token.pk} ({api_token.name}) voor team {team_obj}.")
        self.stdout.write("Bewaar deze sleutel nu; hij wordt niet nog eens getoond:")
        self.stdout.write(key)

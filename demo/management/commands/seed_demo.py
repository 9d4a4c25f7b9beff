from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from contacts.services import service_norms_ensure_defaults
from demo import content, content_site
from demo.people import seed_residents, seed_teams, seed_users
from demo.search import seed_search
from demo.site import seed_site


class Command(BaseCommand):
    help = "Load demo content, staff and residents. Safe to run again: it changes nothing then."

    def handle(self, *args, **options):
        # Refused before the database is touched: production may not even have one yet.
        if not settings.DEMO_SEED_ALLOWED:
            # It creates a superuser and staff with the password printed in the README.
            raise CommandError(
                "seed_demo weigert te draaien met productie-instellingen: het maakt accounts "
                "met een openbaar wachtwoord. Gebruik config.settings.dev."
            )
        self._seed()

    @transaction.atomic
    def _seed(self):
        teams = seed_teams(content.TEAMS + content_site.EXTRA_TEAMS)
        service_norms_ensure_defaults()
        home = seed_site(teams=teams)
        seed_search(home)
        seed_users(teams, [*content.STAFF, content_site.NEWS_STAFF], home)
        seed_residents()
        self.stdout.write(self.style.SUCCESS("Demo-inhoud staat klaar."))
        self._print_logins()

    def _print_logins(self):
        self.stdout.write(
            f"\nDemo-logins (wachtwoord voor iedereen: {content.DEMO_PASSWORD})\n"
            "  beheer:     /admin/ met gebruiker 'beheerder' (superuser)\n"
            "  redactie:   'redacteur' (schrijft, laat controleren), "
            "'nieuws' (team Nieuws, keurt goed)\n"
            "  medewerker: 'informatie' (team Informatie), "
            "'openbareruimte' (team Openbare ruimte),\n"
            "              'burgerzaken', 'wmo' en 'belastingen' (teams met dezelfde naam)\n"
            "  beheer zaaktypen: 'zaaktypen' (functioneel beheer)\n"
            "  inwoners:   via 'Mijn Hogeland' met DigiD (testomgeving):"
        )
        for person in settings.DIGID_MOCK_PERSONS:
            self.stdout.write(f"              {person['name']}, BSN {person['bsn']}")

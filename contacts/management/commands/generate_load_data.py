"""Load data for the back-office benchmark (``bench/backoffice.py``): a year of contacts,
tasks and cases on their norm clocks. Adds to what is there; never on production settings.

    manage.py generate_load_data --cases 100000 --contacts 1000000
"""

import random
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from contacts.backoffice import dashboard
from contacts.backoffice.dashboard_load import Load, refuse_production
from contacts.backoffice.dashboard_load_contacts import (
    create_contacts,
    create_residents,
    ensure_teams,
)
from contacts.backoffice.dashboard_registry import load_generators


class Command(BaseCommand):
    help = (
        "Maakt testgegevens voor de benchmark: contactmomenten, taken en aanvragen met hun "
        "normklokken over het afgelopen jaar. Weigert met productie-instellingen."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=1000, help="aantal aanvragen")
        parser.add_argument("--contacts", type=int, default=10000, help="aantal contactmomenten")
        parser.add_argument("--residents", type=int, help="aantal inwoners (standaard 1 op 20)")
        parser.add_argument("--days", type=int, default=365, help="over hoeveel dagen terug")
        parser.add_argument("--batch-size", type=int, default=5000)
        parser.add_argument("--seed", type=int, default=2026, help="voor herhaalbare gegevens")

    def handle(self, *args, **options):
        try:
            refuse_production(settings.SETTINGS_MODULE or "")
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        if options["cases"] < 0 or options["contacts"] < 0 or options["batch_size"] < 1:
            raise CommandError("Aantallen moeten 0 of meer zijn, de batchgrootte minstens 1.")
        started = time.monotonic()
        load = Load(
            rng=random.Random(options["seed"]),
            now=timezone.now(),
            days=options["days"],
            batch_size=options["batch_size"],
            teams=ensure_teams(),
            log=self.stdout.write,
        )
        residents = options["residents"]
        if residents is None:
            residents = max(100, options["contacts"] // 20)
        create_residents(load, residents)
        made = {"residents": residents, **create_contacts(load, options["contacts"])}
        for generator in load_generators():
            made.update(generator(load=load, cases=options["cases"]))
        dashboard.cache_clear()
        elapsed = time.monotonic() - started
        summary = ", ".join(f"{value} {name}" for name, value in made.items())
        self.stdout.write(f"Klaar in {elapsed:.0f} s: {summary}.")

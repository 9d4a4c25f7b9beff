"""Every 15 minutes: warn at 80% of a norm, record breaches, e-mail the teams.

Cron: ``*/15 * * * * cd /srv/hogeland && .venv/bin/python manage.py check_norms``
"""

import time

from django.core.management.base import BaseCommand

from contacts.backoffice.dashboard_notices import check_norms
from contacts.backoffice.dashboard_refresh import refresh_figures


class Command(BaseCommand):
    help = (
        "Markeert klokken over 80% van de norm en klokken die te laat zijn (één keer), mailt "
        "de teams daarover en ververst de cijfers op het dashboard Servicenormen."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-refresh",
            action="store_true",
            help="De cijfers van het dashboard niet opnieuw berekenen.",
        )

    def handle(self, *args, no_refresh=False, **options):
        started = time.monotonic()
        result = check_norms()
        if not no_refresh:
            refresh_figures()
        self.stdout.write(
            f"{result['warned']} bijna te laat, {result['breached']} te laat, "
            f"{result['mails']} e-mail(s) verstuurd ({time.monotonic() - started:.1f} s)."
        )

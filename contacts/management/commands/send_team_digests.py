"""Every working-day morning: the digest per team (overdue, due next, past 80%).

Cron: ``0 7 * * 1-5 cd /srv/hogeland && .venv/bin/python manage.py send_team_digests``

On public holidays and closing days the command sends nothing (unless --force).
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from contacts import norms
from contacts.backoffice.dashboard_digest import send_team_digests


class Command(BaseCommand):
    help = "Stuurt elk team met iets te melden het dagoverzicht van de servicenormen."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Ook versturen op een dag dat we dicht zijn."
        )

    def handle(self, *args, force=False, **options):
        today = timezone.localdate()
        if not force and not norms.work_calendar().is_working_day(today):
            self.stdout.write("Geen werkdag: geen dagoverzicht verstuurd.")
            return
        sent = send_team_digests()
        self.stdout.write(f"{sent} dagoverzicht(en) verstuurd.")

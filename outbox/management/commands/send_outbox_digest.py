from django.core.management.base import BaseCommand

from outbox.tasks import send_undelivered_digest


class Command(BaseCommand):
    help = "Dagelijks: meldt functioneel beheer welke e-mail niet bezorgd kon worden."

    def handle(self, *args, **options):
        result = send_undelivered_digest.enqueue()
        self.stdout.write(f"Overzicht niet-bezorgde e-mail ingepland (taak {result.id}).")

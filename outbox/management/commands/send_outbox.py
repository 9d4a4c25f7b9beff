from django.core.management.base import BaseCommand

from outbox.tasks import send_due_emails


class Command(BaseCommand):
    help = (
        "Verstuurt e-mail die klaarstaat of opnieuw geprobeerd moet worden. Elke minuut vanuit "
        "cron of een systemd-timer; het werk draait als achtergrondtaak."
    )

    def handle(self, *args, **options):
        result = send_due_emails.enqueue()
        self.stdout.write(f"Uitgaande e-mail ingepland (taak {result.id}).")

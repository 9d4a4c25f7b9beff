from django.core.management.base import BaseCommand, CommandError
from django_tasks import TaskResultStatus

from cms.tasks import send_review_reminders


class Command(BaseCommand):
    help = (
        "Enqueue the weekly review reminders: each team gets one e-mail listing its live pages "
        "whose review date has passed or falls within 30 days. Django's Tasks framework has no "
        "scheduler, so run this weekly from cron or a systemd timer, e.g. every Monday at 7:00: "
        "'0 7 * * 1 cd /srv/hogeland && .venv/bin/python manage.py send_review_reminders'."
    )

    def handle(self, *args, **options):
        result = send_review_reminders.enqueue()
        if result.status == TaskResultStatus.FAILED:
            raise CommandError("Het versturen van de herinneringen is mislukt.")
        if result.status == TaskResultStatus.SUCCESSFUL:
            self.stdout.write(f"Herinneringen verstuurd: {result.return_value} e-mail(s).")
        else:
            self.stdout.write(f"Herinneringen ingepland (taak {result.id}).")

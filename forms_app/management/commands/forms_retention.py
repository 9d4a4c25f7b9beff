from django.core.management.base import BaseCommand, CommandError
from django_tasks import TaskResultStatus

from forms_app.tasks import run_forms_retention

LABELS = {
    "answers_purged": "Inzendingen waarvan de antwoorden zijn verwijderd",
    "drafts_expired": "Verlopen concepten verwijderd",
    "reminders_sent": "Herinneringen over concepten verstuurd",
    "orphan_uploads_deleted": "Niet verzonden bijlagen verwijderd",
}


class Command(BaseCommand):
    help = (
        "Forms retention: delete answers and uploads past their form's retention period, "
        "expired drafts and uploads never sent, and remind residents of drafts about to "
        "expire. Django's Tasks framework has no scheduler, so run this daily from cron or a "
        "systemd timer, e.g. '15 3 * * * cd /srv/hogeland && "
        ".venv/bin/python manage.py forms_retention'."
    )

    def handle(self, *args, **options):
        result = run_forms_retention.enqueue()
        if result.status == TaskResultStatus.FAILED:
            raise CommandError("Het opruimen van formuliergegevens is mislukt.")
        if result.status == TaskResultStatus.SUCCESSFUL:
            for key, count in result.return_value.items():
                self.stdout.write(f"{LABELS.get(key, key)}: {count}")
        else:
            self.stdout.write(f"Opruimen van formuliergegevens ingepland (taak {result.id}).")

from django.core.management.base import BaseCommand

from cms.tasks import flush_search_counts


class Command(BaseCommand):
    help = (
        "Move search counts (kept in Redis or a spool file, never written by a search request) "
        "into the reports 'Populaire zoekvragen' and 'Zoekvragen zonder resultaat'. Run every "
        "few minutes from cron or a systemd timer; the work runs as a background task."
    )

    def handle(self, *args, **options):
        result = flush_search_counts.enqueue()
        self.stdout.write(f"Zoektellingen verwerken ingepland (taak {result.id}).")

from django.core.management.base import BaseCommand

from cms.tasks import remove_old_search_misses


class Command(BaseCommand):
    help = (
        "Remove data the website keeps only for a while (searches without results). "
        "Run daily from cron or a systemd timer; the work runs as a background task."
    )

    def handle(self, *args, **options):
        result = remove_old_search_misses.enqueue()
        self.stdout.write(f"Opruimen ingepland (taak {result.id}).")

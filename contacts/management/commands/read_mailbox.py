import imaplib
import mailbox

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from contacts.mailbox import MaildirSource, read_mailbox, read_mailbox_task


class Command(BaseCommand):
    help = (
        "Register every e-mail in the municipality's mailbox as a contact (channel e-mail, "
        "e-mail norm) and move it to the processed folder. Safe to run again at any moment. "
        "Schedule `read_mailbox --enqueue` every 5 minutes (cron or a systemd timer)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Hand the work to the task worker instead of reading here.",
        )
        parser.add_argument("--limit", type=int, help="Read at most this many messages.")
        parser.add_argument(
            "--maildir", help="Read this local Maildir instead of the configured mailbox."
        )

    def handle(self, *args, enqueue=False, limit=None, maildir=None, **options):
        from django.conf import settings

        if enqueue:
            result = read_mailbox_task.enqueue()
            self.stdout.write(f"Mailbox lezen ingepland (taak {result.id}).")
            return
        source = None
        if maildir:
            source = MaildirSource(
                maildir,
                processed_folder=settings.MAILBOX_PROCESSED_FOLDER,
                max_bytes=settings.MAILBOX_MAX_MESSAGE_BYTES,
            )
        try:
            result = read_mailbox(source=source, limit=limit)
        except (ImproperlyConfigured, mailbox.NoSuchMailboxError) as exc:
            raise CommandError(f"Mailbox niet gevonden of niet ingesteld: {exc}") from exc
        except (imaplib.IMAP4.error, OSError) as exc:
            raise CommandError(f"Mailbox niet bereikbaar ({type(exc).__name__}).") from exc
        self.stdout.write(
            f"{result.registered} bericht(en) geregistreerd "
            f"(waarvan {result.unreadable} niet goed leesbaar), "
            f"{result.already_registered} al eerder geregistreerd, {result.failed} mislukt."
        )
        if result.failed:
            raise CommandError(
                f"{result.failed} bericht(en) niet geregistreerd; ze blijven in de mailbox "
                "staan voor de volgende keer."
            )

"""Incoming e-mail: read the municipality's mailbox and register every message as a contact
on channel e-mail, with the e-mail norm and the message text.

Each message is registered once, by its Message-ID (``ContactMoment.external_id``), and moved
to the processed folder only after its registration committed. A crash in between leaves the
message in the inbox; the next run sees it is registered already and only moves it. A message
that cannot be read properly (broken headers, an unknown charset, no sender, too big) is
registered anyway with a note for staff, and the original stays in the processed folder:
nothing is lost.

Sources (``sources.py``) are adapters behind ``MailSource``: a local Maildir (tests,
development, a mail server that delivers to disk) and IMAP over TLS, chosen by the
``MAILBOX_*`` settings. ``parsing.py`` turns one message into what staff read.
Scheduled as ``manage.py read_mailbox --enqueue`` (``read_mailbox_task``) every 5 minutes.
"""

import logging
from dataclasses import asdict, dataclass

from django.conf import settings
from django.db import transaction
from django_tasks import task

from contacts import services
from contacts.constants import Channel
from contacts.mailbox.parsing import UNREADABLE_NOTE, html_to_text, parse_message, summary_of
from contacts.mailbox.sources import (
    ImapSource,
    IncomingMessage,
    MaildirSource,
    MailSource,
    mail_source_from_settings,
)
from contacts.models import Team

__all__ = [
    "UNREADABLE_NOTE",
    "ImapSource",
    "IncomingMessage",
    "MailSource",
    "MaildirSource",
    "ReadResult",
    "html_to_text",
    "mail_source_from_settings",
    "parse_message",
    "read_mailbox",
    "read_mailbox_task",
    "summary_of",
]

logger = logging.getLogger(__name__)

NO_SUBJECT = "(geen onderwerp)"


@dataclass
class ReadResult:
    registered: int = 0
    already_registered: int = 0
    failed: int = 0
    unreadable: int = 0


def _move(source: MailSource, key: str) -> None:
    try:
        source.mark_processed(key)
    except Exception as exc:
        # Registered already: the next run finds it by its Message-ID and moves it then.
        logger.warning("Mailbox: message %s registered but not moved (%s)", key, type(exc).__name__)


def mailbox_team() -> Team | None:
    team = Team.objects.filter(slug=settings.MAILBOX_TEAM).first()
    if team is None and settings.MAILBOX_TEAM:
        logger.warning(
            "Mailbox: team %r does not exist; contacts get no team", settings.MAILBOX_TEAM
        )
    return team


def read_mailbox(*, source: MailSource | None = None, limit: int | None = None) -> ReadResult:
    """Register every message in the mailbox, each once; move it after the commit."""
    source = source or mail_source_from_settings()
    limit = limit or settings.MAILBOX_BATCH_SIZE
    team = mailbox_team()
    result = ReadResult()
    with source:
        for incoming in source.messages(limit):
            parsed = parse_message(incoming.raw, size=incoming.size)
            try:
                with transaction.atomic():
                    _contact, created = services.contact_moment_register_external(
                        channel=Channel.EMAIL,
                        external_id=parsed.message_id,
                        topic=parsed.subject or NO_SUBJECT,
                        summary=summary_of(parsed, max_chars=settings.MAILBOX_MAX_TEXT_CHARS),
                        email=parsed.sender_email,
                        name=parsed.sender_name,
                        team=team,
                    )
                    transaction.on_commit(lambda key=incoming.key: _move(source, key))
            except Exception as exc:
                # Left in the inbox for the next run. Only the key and the kind of error are
                # logged: the message and its sender are personal data.
                logger.error(
                    "Mailbox: message %s not registered (%s)", incoming.key, type(exc).__name__
                )
                result.failed += 1
                continue
            if created:
                result.registered += 1
                result.unreadable += bool(parsed.problems)
            else:
                result.already_registered += 1
    return result


@task()
def read_mailbox_task() -> dict:
    """The scheduled job (``manage.py read_mailbox --enqueue``, every 5 minutes)."""
    return asdict(read_mailbox())

"""Where incoming e-mail is read: adapters behind ``MailSource``, chosen by settings."""

import imaplib
import io
import mailbox
import re
import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@dataclass
class IncomingMessage:
    key: str  # how the source finds the message again: a Maildir key, an IMAP UID
    raw: bytes  # at most MAILBOX_MAX_MESSAGE_BYTES; the rest stays in the mailbox
    size: int  # the full size


class MailSource:
    """A mailbox to read from. Used as a context manager around one run."""

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        return None

    def messages(self, limit: int) -> Iterator[IncomingMessage]:
        raise NotImplementedError

    def mark_processed(self, key: str) -> None:
        raise NotImplementedError


class MaildirSource(MailSource):
    def __init__(self, path, *, processed_folder: str, max_bytes: int):
        self.path = str(path)
        self.processed_folder = processed_folder
        self.max_bytes = max_bytes
        self._maildir = None

    def __enter__(self):
        self._maildir = mailbox.Maildir(self.path, factory=None, create=False)
        return self

    def _processed(self) -> mailbox.Maildir:
        if self.processed_folder in self._maildir.list_folders():
            return self._maildir.get_folder(self.processed_folder)
        return self._maildir.add_folder(self.processed_folder)

    def messages(self, limit):
        for key in sorted(self._maildir.keys())[:limit]:
            try:
                with self._maildir.get_file(key) as fh:
                    raw = fh.read(self.max_bytes)
                    fh.seek(0, io.SEEK_END)
                    size = fh.tell()
            except KeyError:  # moved away by another run meanwhile
                continue
            yield IncomingMessage(key=key, raw=raw, size=size)

    def mark_processed(self, key):
        with self._maildir.get_file(key) as fh:
            self._processed().add(fh)
        self._maildir.discard(key)


def _quote(mailbox_name: str) -> str:
    return '"' + mailbox_name.replace("\\", "\\\\").replace('"', '\\"') + '"'


class ImapSource(MailSource):
    """IMAP over TLS (imaplib.IMAP4_SSL). Messages are read with BODY.PEEK, so a message
    that fails stays unread and in the inbox for the next run."""

    def __init__(
        self,
        *,
        host: str,
        port: int,
        user: str,
        password: str,
        folder: str,
        processed_folder: str,
        max_bytes: int,
        timeout: int = 30,
    ):
        self.host, self.port, self.user, self.password = host, port, user, password
        self.folder = folder or "INBOX"
        self.processed_folder = processed_folder
        self.max_bytes = max_bytes
        self.timeout = timeout
        self._conn = None
        self._capabilities: set[str] = set()

    def __enter__(self):
        conn = imaplib.IMAP4_SSL(
            self.host, self.port, ssl_context=ssl.create_default_context(), timeout=self.timeout
        )
        try:
            conn.login(self.user, self.password)
            # Servers often announce MOVE and UIDPLUS only after login.
            typ, data = conn.capability()
            capabilities = data[-1] if typ == "OK" and data and data[-1] else b""
            self._capabilities = set(capabilities.decode("ascii", "replace").upper().split())
            self._capabilities |= {c.upper() for c in getattr(conn, "capabilities", ())}
            self._check(conn.select(_quote(self.folder)), "SELECT")
            # Fails harmlessly when the folder exists.
            conn.create(_quote(self.processed_folder))
        except Exception:
            conn.logout()
            raise
        self._conn = conn
        return self

    def __exit__(self, *exc_info):
        try:
            self._conn.close()
            self._conn.logout()
        except (imaplib.IMAP4.error, OSError):
            pass
        return None

    @staticmethod
    def _check(response, what: str):
        typ, data = response
        if typ != "OK":
            raise imaplib.IMAP4.error(f"IMAP {what} failed: {typ}")
        return data

    @staticmethod
    def _literals(data) -> list[bytes]:
        return [part[1] for part in data if isinstance(part, tuple) and len(part) > 1]

    @staticmethod
    def _fetch_items(data) -> bytes:
        return b" ".join(part[0] if isinstance(part, tuple) else part for part in data if part)

    def messages(self, limit):
        data = self._check(self._conn.uid("SEARCH", None, "UNDELETED"), "SEARCH")
        uids = (data[0] or b"").split()[:limit]
        for uid in uids:
            key = uid.decode()
            sized = self._check(self._conn.uid("FETCH", key, "(RFC822.SIZE)"), "FETCH")
            match = re.search(rb"RFC822\.SIZE (\d+)", self._fetch_items(sized))
            if match is None:  # expunged by someone else meanwhile
                continue
            size = int(match.group(1))
            part = "BODY.PEEK[]" if size <= self.max_bytes else f"BODY.PEEK[]<0.{self.max_bytes}>"
            fetched = self._check(self._conn.uid("FETCH", key, f"({part})"), "FETCH")
            literals = self._literals(fetched)
            if not literals:
                continue
            yield IncomingMessage(key=key, raw=literals[0], size=size)

    def mark_processed(self, key):
        target = _quote(self.processed_folder)
        if "MOVE" in self._capabilities:
            self._check(self._conn.uid("MOVE", key, target), "MOVE")
            return
        self._check(self._conn.uid("COPY", key, target), "COPY")
        self._check(self._conn.uid("STORE", key, "+FLAGS", r"(\Deleted)"), "STORE")
        if "UIDPLUS" in self._capabilities:
            self._check(self._conn.uid("EXPUNGE", key), "EXPUNGE")
        else:
            self._conn.expunge()


def mail_source_from_settings() -> MailSource:
    """MAILBOX_URL (``imaps://user:password@host:993/INBOX`` or ``maildir:///path``), else
    the separate MAILBOX_IMAP_* settings, else MAILBOX_MAILDIR."""
    common = {
        "processed_folder": settings.MAILBOX_PROCESSED_FOLDER,
        "max_bytes": settings.MAILBOX_MAX_MESSAGE_BYTES,
    }
    if settings.MAILBOX_URL:
        url = urlsplit(settings.MAILBOX_URL)
        if url.scheme == "maildir":
            return MaildirSource(unquote(url.path), **common)
        if url.scheme != "imaps" or not url.hostname:
            raise ImproperlyConfigured(
                "MAILBOX_URL must look like imaps://user:password@host/INBOX or maildir:///path"
            )
        return ImapSource(
            host=url.hostname,
            port=url.port or 993,
            user=unquote(url.username or ""),
            password=unquote(url.password or ""),
            folder=unquote(url.path.lstrip("/")) or "INBOX",
            timeout=settings.MAILBOX_IMAP_TIMEOUT,
            **common,
        )
    if settings.MAILBOX_IMAP_HOST:
        return ImapSource(
            host=settings.MAILBOX_IMAP_HOST,
            port=settings.MAILBOX_IMAP_PORT,
            user=settings.MAILBOX_IMAP_USER,
            password=settings.MAILBOX_IMAP_PASSWORD,
            folder=settings.MAILBOX_IMAP_FOLDER,
            timeout=settings.MAILBOX_IMAP_TIMEOUT,
            **common,
        )
    if settings.MAILBOX_MAILDIR:
        return MaildirSource(settings.MAILBOX_MAILDIR, **common)
    raise ImproperlyConfigured("No mailbox configured: set MAILBOX_URL or MAILBOX_MAILDIR.")

import datetime as dt
import imaplib
import io
import logging
import mailbox
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command

from contacts.constants import Channel, ResidentKind
from contacts.mailbox import (
    UNREADABLE_NOTE,
    ImapSource,
    MaildirSource,
    html_to_text,
    mail_source_from_settings,
    parse_message,
    read_mailbox,
)
from contacts.models import ContactMoment, Resident
from tests.contacts.factories import ResidentFactory, TeamFactory

MAIL = Path(__file__).parent / "mail"
AMS = ZoneInfo("Europe/Amsterdam")


def eml(name: str) -> bytes:
    return (MAIL / name).read_bytes()


def message(*, message_id="<m-1@example.nl>", sender="Jan <jan@example.nl>", body="Hallo"):
    headers = [f"Message-ID: {message_id}"] if message_id else []
    headers += [f"From: {sender}"] if sender else []
    headers += ["Subject: Een vraag", 'Content-Type: text/plain; charset="utf-8"']
    return ("\r\n".join(headers) + "\r\n\r\n" + body).encode()


class Crash(BaseException):
    """The process dies (kill -9, power cut): nothing in the program catches it."""


@pytest.fixture
def team(settings):
    settings.MAILBOX_TEAM = "informatie"
    return TeamFactory(slug="informatie", name="Informatie")


@pytest.fixture
def inbox(tmp_path, settings, team):
    path = tmp_path / "Maildir"
    settings.MAILBOX_URL = ""
    settings.MAILBOX_IMAP_HOST = ""
    settings.MAILBOX_MAILDIR = str(path)
    return mailbox.Maildir(path, create=True)


def processed(inbox) -> list[bytes]:
    if "processed" not in inbox.list_folders():
        return []
    folder = inbox.get_folder("processed")
    return [folder.get_bytes(key) for key in folder.iterkeys()]


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """`manage.py read_mailbox`, with the commits the test transaction holds back let through."""

    def run(*args):
        out = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("read_mailbox", *args, stdout=out)
        return out.getvalue()

    return run


# A normal message


@pytest.mark.django_db
def test_a_message_becomes_an_email_contact_with_the_email_norm(inbox, run, team):
    inbox.add(eml("normal.eml"))

    # Tuesday 10 March 2026, 10:00: five working days later is Tuesday 17 March, closing time.
    with time_machine.travel(dt.datetime(2026, 3, 10, 10, 0, tzinfo=AMS), tick=False):
        output = run()

    contact = ContactMoment.objects.get()
    assert contact.channel == Channel.EMAIL
    assert contact.topic == "Vraag over de afvalkalender"
    assert "groene container in Warffum" in contact.summary
    assert "geïnteresseerd" in contact.summary
    assert UNREADABLE_NOTE not in contact.summary
    assert contact.team == team
    assert contact.external_id == "normal-1@mail.example.nl"
    assert contact.answer_due_at == dt.datetime(2026, 3, 17, 17, 0, tzinfo=AMS)
    assert contact.clock.due_at == contact.answer_due_at
    assert contact.resident.kind == ResidentKind.ANONYMOUS
    assert contact.resident.email == "Jan.Jansen@example.nl"
    assert contact.resident.name == "Jan Jansen"
    assert "1 bericht(en) geregistreerd" in output


@pytest.mark.django_db
def test_the_message_moves_to_the_processed_folder(inbox, run):
    inbox.add(eml("normal.eml"))

    run()

    assert len(inbox) == 0
    assert processed(inbox) == [eml("normal.eml").replace(b"\r\n", b"\n")]


@pytest.mark.django_db
def test_a_known_resident_is_found_by_email_address(inbox, run):
    resident = ResidentFactory(email="jan.jansen@example.nl")
    inbox.add(eml("normal.eml"))

    run()

    assert ContactMoment.objects.get().resident == resident
    assert Resident.objects.count() == 1


@pytest.mark.django_db
def test_two_messages_from_a_new_sender_share_one_anonymous_resident(inbox, run):
    inbox.add(message(message_id="<a@example.nl>"))
    inbox.add(message(message_id="<b@example.nl>"))

    run()

    assert ContactMoment.objects.count() == 2
    assert Resident.objects.count() == 1


# HTML, attachments


@pytest.mark.django_db
def test_an_html_only_message_is_kept_as_plain_text(inbox, run):
    inbox.add(eml("html_only.eml"))

    run()

    contact = ContactMoment.objects.get()
    assert contact.topic == "Losse stoeptegel bij de büs"
    assert "ligt een losse tegel & er is al iemand gestruikeld" in contact.summary
    assert "- Plek: Hoofdstraat 12" in contact.summary
    for unsafe in ("<", "alert", "script", "document.cookie", "tracker.example.com", "color"):
        assert unsafe not in contact.summary


def test_html_to_text_drops_markup_scripts_and_styles():
    html = (
        "<style>b{}</style><p>Een &lt;b&gt; &eacute;n <b>twee</b></p>"
        "<script>x()</script><br>drie<img src=x onerror=alert(1)><div>vier</div>"
    )

    assert html_to_text(html) == "Een <b> én twee\n\ndrie\nvier"


@pytest.mark.django_db
def test_an_attachment_is_named_and_the_text_kept(inbox, run):
    inbox.add(eml("attachment.eml"))

    run()

    contact = ContactMoment.objects.get()
    assert contact.summary.startswith("Hierbij mijn bezwaar, zie de bijlage.")
    assert "bezwaar.pdf (1 kB)" in contact.summary
    assert "<b>" not in contact.summary
    assert UNREADABLE_NOTE not in contact.summary


# Malformed messages: registered with a note, never lost


@pytest.mark.django_db
def test_a_malformed_header_is_registered_with_a_note(inbox, run):
    inbox.add(eml("malformed_header.eml"))

    output = run()

    contact = ContactMoment.objects.get()
    assert contact.summary.startswith(UNREADABLE_NOTE)
    assert "parkeervergunning" in contact.summary
    assert contact.resident.email == "anna@example.nl"
    assert len(inbox) == 0 and len(processed(inbox)) == 1
    assert "waarvan 1 niet goed leesbaar" in output


@pytest.mark.django_db
def test_an_unknown_charset_is_registered_with_a_note(inbox, run):
    inbox.add(eml("unknown_charset.eml"))

    run()

    contact = ContactMoment.objects.get()
    assert contact.summary.startswith(UNREADABLE_NOTE)
    assert "onbekende tekenset (x-klingon)" in contact.summary
    assert "wanneer krijg ik bericht? Groet uit Eenrum éèÿ." in contact.summary
    assert contact.topic == "Hallo gemeente"


@pytest.mark.django_db
def test_a_message_without_sender_is_registered_without_resident(inbox, run):
    inbox.add(eml("missing_from.eml"))

    run()

    contact = ContactMoment.objects.get()
    assert contact.resident is None
    assert "de afzender ontbreekt" in contact.summary
    assert "grofvuil naast de glasbak" in contact.summary
    assert contact.answer_due_at is not None
    assert Resident.objects.count() == 0


@pytest.mark.django_db
def test_an_invalid_sender_address_is_shown_as_received(inbox, run):
    inbox.add(message(sender="Jan <jan@@kapot>"))

    run()

    contact = ContactMoment.objects.get()
    assert contact.resident is None
    assert "het adres van de afzender is ongeldig" in contact.summary
    assert "Afzender zoals ontvangen: Jan <jan@@kapot>" in contact.summary


@pytest.mark.django_db
def test_a_huge_message_is_cut_registered_with_a_note_and_kept_whole(inbox, run, settings):
    settings.MAILBOX_MAX_MESSAGE_BYTES = 4096
    raw = message(body="Een lange brief. " * 10_000)
    inbox.add(raw)

    run()

    contact = ContactMoment.objects.get()
    assert contact.summary.startswith(UNREADABLE_NOTE)
    assert "het bericht is te groot (166 kB); alleen het begin is gelezen" in contact.summary
    assert len(contact.summary) < 5000
    assert processed(inbox) == [raw.replace(b"\r\n", b"\n")]


@pytest.mark.django_db
def test_a_long_text_is_cut_to_the_limit(inbox, run, settings):
    settings.MAILBOX_MAX_TEXT_CHARS = 100
    inbox.add(message(body="woord " * 1000))

    run()

    summary = ContactMoment.objects.get().summary
    assert summary.endswith("[De tekst is ingekort. Het hele bericht staat in de mailbox.]")
    assert len(summary) < 200


@pytest.mark.django_db
def test_control_characters_never_reach_the_database(inbox, run):
    inbox.add(message(body="nul\x00byte en \x1b[31mkleur"))

    run()

    assert ContactMoment.objects.get().summary == "nulbyte en [31mkleur"


def test_garbage_is_still_read_as_a_message():
    parsed = parse_message(b"\x00\xff\xfe garbage without any header\r\n\r\n\x80")

    assert parsed.message_id.startswith("sha256:")
    assert parsed.problems


# Once, and only after commit


@pytest.mark.django_db
def test_the_same_message_id_in_two_runs_is_registered_once(inbox, run):
    inbox.add(eml("normal.eml"))
    run()
    inbox.add(eml("normal.eml"))

    output = run()

    assert ContactMoment.objects.count() == 1
    assert "1 al eerder geregistreerd" in output
    assert len(inbox) == 0
    assert len(processed(inbox)) == 2


@pytest.mark.django_db
def test_a_message_without_message_id_is_recognised_by_its_content(inbox, run):
    inbox.add(message(message_id=None))
    run()
    inbox.add(message(message_id=None))

    run()

    assert ContactMoment.objects.count() == 1
    assert ContactMoment.objects.get().external_id.startswith("sha256:")


@pytest.mark.django_db
def test_a_crash_between_register_and_move_never_registers_twice(inbox, run, monkeypatch):
    inbox.add(eml("normal.eml"))

    def crash(self, key):
        raise Crash

    with monkeypatch.context() as patch:
        patch.setattr(MaildirSource, "mark_processed", crash)
        with pytest.raises(Crash):
            run()

    assert ContactMoment.objects.count() == 1
    assert len(inbox) == 1  # registered, not yet moved

    output = run()

    assert ContactMoment.objects.count() == 1
    assert "0 bericht(en) geregistreerd" in output
    assert "1 al eerder geregistreerd" in output
    assert len(inbox) == 0
    assert len(processed(inbox)) == 1


@pytest.mark.django_db
def test_a_failure_before_commit_leaves_the_message_in_the_inbox(inbox, run, monkeypatch, caplog):
    inbox.add(eml("normal.eml"))

    def broken(**kwargs):
        raise RuntimeError("database gone")

    with monkeypatch.context() as patch:
        patch.setattr("contacts.services.clock_start", broken)
        with pytest.raises(CommandError), caplog.at_level(logging.INFO):
            run()

    assert ContactMoment.objects.count() == 0
    assert Resident.objects.count() == 0
    assert len(inbox) == 1
    # The log names the message by its key only: no sender, subject or text.
    assert "RuntimeError" in caplog.text
    for personal in ("Jan", "jansen", "afvalkalender", "Warffum"):
        assert personal.lower() not in caplog.text.lower()

    run()

    assert ContactMoment.objects.count() == 1
    assert len(inbox) == 0


@pytest.mark.django_db
def test_a_failed_move_is_retried_by_the_next_run(inbox, run, monkeypatch):
    inbox.add(eml("normal.eml"))

    def unreachable(self, key):
        raise OSError("disk full")

    with monkeypatch.context() as patch:
        patch.setattr(MaildirSource, "mark_processed", unreachable)
        run()

    assert len(inbox) == 1
    run()
    assert ContactMoment.objects.count() == 1
    assert len(inbox) == 0


@pytest.mark.django_db
def test_the_scheduled_task_reads_the_mailbox(inbox, run):
    inbox.add(eml("normal.eml"))

    output = run("--enqueue")

    assert "Mailbox lezen ingepland" in output
    assert ContactMoment.objects.count() == 1


@pytest.mark.django_db
def test_limit_reads_only_that_many(inbox, run):
    for n in range(3):
        inbox.add(message(message_id=f"<{n}@example.nl>"))

    run("--limit", "2")

    assert ContactMoment.objects.count() == 2
    assert len(inbox) == 1


# Settings


def test_maildir_from_the_url(settings):
    settings.MAILBOX_URL = "maildir:///var/mail/gemeente"

    source = mail_source_from_settings()

    assert isinstance(source, MaildirSource)
    assert source.path == "/var/mail/gemeente"


def test_imap_from_the_url(settings):
    settings.MAILBOX_URL = "imaps://info%40hethogeland.nl:ge%2Fheim@imap.example.nl/Postvak%20IN"

    source = mail_source_from_settings()

    assert isinstance(source, ImapSource)
    assert (source.host, source.port) == ("imap.example.nl", 993)
    assert (source.user, source.password) == ("info@hethogeland.nl", "ge/heim")
    assert source.folder == "Postvak IN"


def test_plain_imap_is_refused(settings):
    settings.MAILBOX_URL = "imap://user:pass@imap.example.nl/INBOX"

    with pytest.raises(ImproperlyConfigured):
        mail_source_from_settings()


def test_no_mailbox_configured(settings):
    settings.MAILBOX_URL = settings.MAILBOX_IMAP_HOST = settings.MAILBOX_MAILDIR = ""

    with pytest.raises(ImproperlyConfigured):
        mail_source_from_settings()


# IMAP, through a fake imaplib


class FakeImapServer:
    def __init__(self, messages, capabilities=b"IMAP4rev1 MOVE UIDPLUS"):
        self.folders = {"INBOX": dict(enumerate(messages, start=101))}
        self.deleted = set()
        self.capabilities = capabilities
        self.commands = []
        self.logins = []
        self.connections = []

    def connect(self, host, port, ssl_context=None, timeout=None):
        self.connections.append((host, port, ssl_context is not None))
        return FakeImapConnection(self)


class FakeImapConnection:
    def __init__(self, server):
        self.server = server
        self.capabilities = ("IMAP4REV1",)
        self.selected = None

    def login(self, user, password):
        self.server.logins.append((user, password))
        return "OK", [b"Logged in"]

    def capability(self):
        return "OK", [self.server.capabilities]

    def select(self, name):
        self.selected = name.strip('"')
        return "OK", [str(len(self.server.folders[self.selected])).encode()]

    def create(self, name):
        name = name.strip('"')
        if name in self.server.folders:
            return "NO", [b"[ALREADYEXISTS] Mailbox exists"]
        self.server.folders[name] = {}
        return "OK", [b"Created"]

    def uid(self, command, *args):
        self.server.commands.append((command, *args))
        inbox = self.server.folders[self.selected]
        if command == "SEARCH":
            uids = [str(uid).encode() for uid in inbox if uid not in self.server.deleted]
            return "OK", [b" ".join(uids)]
        uid = int(args[0])
        if command == "FETCH":
            raw = inbox[uid]
            if args[1] == "(RFC822.SIZE)":
                return "OK", [f"1 (UID {uid} RFC822.SIZE {len(raw)})".encode()]
            match = re.match(r"\(BODY\.PEEK\[\](?:<0\.(\d+)>)?\)", args[1])
            if match.group(1):
                raw = raw[: int(match.group(1))]
            return "OK", [(f"1 (UID {uid} BODY[] {{{len(raw)}}}".encode(), raw), b")"]
        target = args[-1].strip('"') if args else None
        if command == "MOVE":
            self.server.folders[target][uid] = inbox.pop(uid)
        elif command == "COPY":
            self.server.folders[target][uid] = inbox[uid]
        elif command == "STORE":
            self.server.deleted.add(uid)
        elif command == "EXPUNGE":
            inbox.pop(uid)
            self.server.deleted.discard(uid)
        return "OK", [None]

    def expunge(self):
        for uid in list(self.server.deleted):
            self.server.folders[self.selected].pop(uid)
        self.server.deleted.clear()
        return "OK", [None]

    def close(self):
        return "OK", [None]

    def logout(self):
        return "BYE", [None]


@pytest.fixture
def imap(settings, monkeypatch, team):
    def install(messages, **kwargs):
        server = FakeImapServer(messages, **kwargs)
        monkeypatch.setattr(imaplib, "IMAP4_SSL", server.connect)
        settings.MAILBOX_URL = "imaps://info%40hethogeland.nl:geheim@imap.example.nl/INBOX"
        return server

    return install


@pytest.mark.django_db
def test_imap_messages_are_registered_and_moved(imap, run):
    server = imap([eml("normal.eml"), eml("html_only.eml")])

    run()

    assert ContactMoment.objects.count() == 2
    assert server.connections == [("imap.example.nl", 993, True)]
    assert server.logins == [("info@hethogeland.nl", "geheim")]
    assert server.folders["INBOX"] == {}
    assert sorted(server.folders["processed"]) == [101, 102]
    # Read with PEEK, so a message that fails stays unread.
    assert ("FETCH", "101", "(BODY.PEEK[])") in server.commands


@pytest.mark.django_db
def test_imap_without_move_copies_flags_and_expunges_only_that_message(imap, run):
    server = imap([eml("normal.eml")], capabilities=b"IMAP4rev1 UIDPLUS")

    run()

    assert [c[0] for c in server.commands if c[0] in ("COPY", "STORE", "EXPUNGE")] == [
        "COPY",
        "STORE",
        "EXPUNGE",
    ]
    assert server.folders["INBOX"] == {}
    assert list(server.folders["processed"]) == [101]


@pytest.mark.django_db
def test_imap_reads_only_the_start_of_a_huge_message(imap, run, settings):
    settings.MAILBOX_MAX_MESSAGE_BYTES = 2048
    server = imap([message(body="x" * 50_000)])

    run()

    assert ("FETCH", "101", "(BODY.PEEK[]<0.2048>)") in server.commands
    assert "te groot" in ContactMoment.objects.get().summary
    assert list(server.folders["processed"]) == [101]


@pytest.mark.django_db
def test_imap_twice_registers_once(imap, run, monkeypatch):
    server = imap([eml("normal.eml")])

    def crash(self, key):
        raise Crash

    with monkeypatch.context() as patch:
        patch.setattr(ImapSource, "mark_processed", crash)
        with pytest.raises(Crash):
            run()
    run()

    assert ContactMoment.objects.count() == 1
    assert server.folders["INBOX"] == {}


@pytest.mark.django_db
def test_read_mailbox_returns_the_counts(inbox, team):
    inbox.add(eml("normal.eml"))
    inbox.add(eml("missing_from.eml"))

    result = read_mailbox(limit=10)

    assert (result.registered, result.unreadable, result.already_registered) == (2, 1, 0)


@pytest.mark.django_db
def test_a_missing_maildir_is_a_clear_error(settings, tmp_path, run):
    settings.MAILBOX_URL = ""
    settings.MAILBOX_IMAP_HOST = ""
    settings.MAILBOX_MAILDIR = str(tmp_path / "bestaat-niet")

    with pytest.raises(CommandError, match="Mailbox niet gevonden"):
        run()


@pytest.mark.django_db
def test_a_refused_imap_login_is_a_clear_error(imap, run, monkeypatch):
    imap([eml("normal.eml")])

    def refuse(self, user, password):
        raise imaplib.IMAP4.error("[AUTHENTICATIONFAILED] Invalid credentials")

    monkeypatch.setattr(FakeImapConnection, "login", refuse)

    with pytest.raises(CommandError, match="niet bereikbaar"):
        run()
    assert ContactMoment.objects.count() == 0


def test_a_sender_address_too_long_to_store_is_treated_as_invalid():
    parsed = parse_message(message(sender=f"<{'a' * 64}@{'b' * 63}.{'c' * 63}.{'d' * 63}.nl>"))

    assert parsed.sender_email == ""
    assert "het adres van de afzender is ongeldig" in parsed.problems

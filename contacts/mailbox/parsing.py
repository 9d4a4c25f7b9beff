"""One e-mail read into what staff need: sender, subject, plain text, attachments' names,
and what could not be read. Never raises on bad input."""

import email
import email.policy
import email.utils
import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

UNREADABLE_NOTE = "Bericht kon niet goed worden gelezen"

# Everything below U+0020 except tab and newline, and DEL: a NUL cannot even be stored in
# PostgreSQL, the others garble the screen.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def _clean_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text.encode("utf-8", "replace").decode("utf-8"))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _one_line(text: str, limit: int) -> str:
    return " ".join(_clean_text(text).split())[:limit]


class _HTMLText(HTMLParser):
    """HTML to plain text: the words only. Scripts, styles and the head are dropped; no
    markup, link or image survives, so nothing can run or load when staff read it."""

    _SKIP = {"script", "style", "head", "title", "template", "noscript", "svg", "object"}
    _BLOCK = {
        "p", "div", "br", "li", "tr", "table", "ul", "ol", "blockquote", "pre", "hr",
        "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "footer",
    }  # fmt: skip

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")
            if tag == "li":
                self.parts.append("- ")
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def handle_startendtag(self, tag, attrs):
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self._SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in self._BLOCK and tag != "li":
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skipping:
            self.parts.append(data.replace("\n", " "))


# Enough for any letter a person writes; a bigger HTML body is cut before parsing.
_HTML_MAX_CHARS = 2_000_000


def html_to_text(html: str) -> str:
    parser = _HTMLText()
    parser.feed(html[:_HTML_MAX_CHARS])
    parser.close()
    return _clean_text("".join(parser.parts))


@dataclass
class ParsedMail:
    message_id: str
    sender_email: str = ""
    sender_name: str = ""
    subject: str = ""
    text: str = ""
    attachments: list[str] = field(default_factory=list)
    # What went wrong reading it, in Dutch for staff; empty for a normal message.
    problems: list[str] = field(default_factory=list)
    raw_sender: str = ""


def _message_id(value: str, raw: bytes) -> str:
    value = "".join(value.split()).strip("<>")
    if not value or _CONTROL.search(value):
        # No usable Message-ID: the content itself identifies the message on a re-read.
        return f"sha256:{hashlib.sha256(raw).hexdigest()}"
    if len(value) > 200:
        return f"sha256:{hashlib.sha256(value.encode('utf-8', 'replace')).hexdigest()}"
    return value


def _header(msg, name: str, problems: list[str], *, strict: bool = True) -> str:
    try:
        value = msg.get(name)
        if strict and value is not None and getattr(value, "defects", None):
            problems.append(f"de kopregel {name} is beschadigd")
        return "" if value is None else str(value)
    except Exception:  # the email package raises many kinds on broken headers
        problems.append(f"de kopregel {name} is onleesbaar")
        raw = [value for key, value in msg.raw_items() if key.lower() == name.lower()]
        return str(raw[0]) if raw else ""


def _sender(msg, parsed: ParsedMail) -> None:
    raw_from = _header(msg, "From", parsed.problems)
    # As it came in, for staff to see when the address cannot be used.
    source = [value for key, value in msg.raw_items() if key.lower() == "from"]
    parsed.raw_sender = _one_line(str(source[0]) if source else raw_from, 200)
    name, address = email.utils.parseaddr(raw_from)
    address = address.strip()
    try:
        validate_email(address)
        if len(address) > 254:  # the longest a Resident's e-mail field holds
            raise ValidationError("too long")
    except ValidationError:
        parsed.problems.append(
            "de afzender ontbreekt"
            if not raw_from.strip()
            else "het adres van de afzender is ongeldig"
        )
        return
    local, _at, domain = address.rpartition("@")
    parsed.sender_email = f"{local}@{domain.lower()}"
    parsed.sender_name = _one_line(name, 200)


def _decoded(part, problems: list[str]) -> str:
    try:
        return part.get_content()
    except (LookupError, UnicodeError, AssertionError, ValueError) as exc:
        charset = part.get_content_charset() or "?"
        if isinstance(exc, LookupError):
            problems.append(f"onbekende tekenset ({_one_line(charset, 40)})")
        else:
            problems.append("de tekst kon niet goed worden gedecodeerd")
        payload = part.get_payload(decode=True) or b""
        try:
            return payload.decode("utf-8")
        except UnicodeDecodeError:
            # Most mail that is not UTF-8 is Windows-1252 (Western European).
            return payload.decode("cp1252", "replace")


def _size(nbytes: int) -> str:
    if nbytes >= 1024 * 1024:
        return f"{nbytes / 1024 / 1024:.1f} MB".replace(".", ",")
    return f"{max(1, round(nbytes / 1024))} kB"


def parse_message(raw: bytes, *, size: int | None = None) -> ParsedMail:
    """Everything staff need from a message. Never raises: what cannot be read is named in
    ``problems``."""
    size = len(raw) if size is None else size
    parsed = ParsedMail(message_id="")
    if size > len(raw):
        parsed.problems.append(
            f"het bericht is te groot ({_size(size)}); alleen het begin is gelezen"
        )
    try:
        msg = email.message_from_bytes(raw, policy=email.policy.default)
    except Exception:
        parsed.message_id = _message_id("", raw)
        parsed.problems.append("de opbouw van het bericht is onleesbaar")
        parsed.text = raw.decode("utf-8", "replace")
        return parsed

    # Many mailers write Message-IDs that are not quite by the book; that is no problem here.
    message_id = _header(msg, "Message-ID", parsed.problems, strict=False)
    parsed.message_id = _message_id(message_id, raw)
    _sender(msg, parsed)
    parsed.subject = _one_line(_header(msg, "Subject", parsed.problems), 200)
    if msg.defects:
        parsed.problems.append("de kopregels of de opbouw van het bericht zijn beschadigd")

    try:
        body = msg.get_body(preferencelist=("plain", "html"))
        if body is not None:
            text = _decoded(body, parsed.problems)
            parsed.text = html_to_text(text) if body.get_content_subtype() == "html" else text
        for part in msg.iter_attachments() if msg.is_multipart() else ():
            if part is body:
                continue
            filename = _one_line(part.get_filename() or "", 100) or "(zonder naam)"
            payload = part.get_payload(decode=True) or b""
            parsed.attachments.append(f"{filename} ({_size(len(payload))})")
    except Exception:
        parsed.problems.append("de inhoud van het bericht is onleesbaar")
        if not parsed.text:
            parsed.text = raw.decode("utf-8", "replace")
    parsed.text = _clean_text(parsed.text)
    return parsed


def summary_of(parsed: ParsedMail, *, max_chars: int) -> str:
    """The text staff read in the contact: a note first when something was wrong."""
    parts = []
    if parsed.problems:
        note = f"{UNREADABLE_NOTE}: {'; '.join(dict.fromkeys(parsed.problems))}."
        if parsed.raw_sender and not parsed.sender_email:
            note += f" Afzender zoals ontvangen: {parsed.raw_sender}."
        note += (
            f" Het originele bericht staat in de map "
            f"\u201c{settings.MAILBOX_PROCESSED_FOLDER}\u201d van de mailbox."
        )
        parts.append(note)
    text = parsed.text
    if len(text) > max_chars:
        text = (
            text[:max_chars].rstrip()
            + "\n[De tekst is ingekort. Het hele bericht staat in de mailbox.]"
        )
    parts.append(text or "(geen tekst)")
    if parsed.attachments:
        parts.append(
            "Bijlagen (staan in de mailbox, map "
            f"\u201c{settings.MAILBOX_PROCESSED_FOLDER}\u201d): " + ", ".join(parsed.attachments)
        )
    return "\n\n".join(parts)

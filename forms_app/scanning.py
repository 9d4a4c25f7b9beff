"""Virus scanning of residents' uploads, before anything is stored.

Chosen by the FORMS_VIRUS_SCANNER setting. ``NoScanner`` works on one machine and marks files
"not scanned"; ``ClamdScanner`` streams the file to a clamd daemon over TCP.
"""

from __future__ import annotations

import socket
import struct
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from forms_app.constants import ScanStatus

CHUNK_SIZE = 64 * 1024


class ScannerUnavailable(Exception):
    """The scanner could not give a verdict; the file must not be stored."""


@dataclass(frozen=True)
class ScanResult:
    scanned: bool
    # The virus name clamd reports ("Eicar-Signature"); empty when nothing was found.
    signature: str = ""

    @property
    def infected(self) -> bool:
        return bool(self.signature)

    @property
    def status(self) -> ScanStatus:
        """What an Upload records; infected files are never stored."""
        return ScanStatus.CLEAN if self.scanned else ScanStatus.NOT_SCANNED


class VirusScanner:
    def scan(self, fileobj) -> ScanResult:
        """Scan a file from its start. Raises ScannerUnavailable when there is no verdict."""
        raise NotImplementedError


class NoScanner(VirusScanner):
    def scan(self, fileobj):
        return ScanResult(scanned=False)


class ClamdScanner(VirusScanner):
    """clamd's INSTREAM command: the file in length-prefixed chunks, then a zero length."""

    def __init__(self, host=None, port=None, timeout=None):
        self.host = host or settings.CLAMD_HOST
        self.port = int(port or settings.CLAMD_PORT)
        self.timeout = timeout or settings.CLAMD_TIMEOUT

    def scan(self, fileobj):
        try:
            with socket.create_connection((self.host, self.port), timeout=self.timeout) as sock:
                sock.sendall(b"zINSTREAM\0")
                if hasattr(fileobj, "seek"):
                    fileobj.seek(0)
                while chunk := fileobj.read(CHUNK_SIZE):
                    sock.sendall(struct.pack("!L", len(chunk)) + chunk)
                sock.sendall(struct.pack("!L", 0))
                reply = _read_reply(sock)
        except OSError as exc:
            # Refused, reset, timed out or closed early ("INSTREAM size limit exceeded").
            raise ScannerUnavailable(str(exc)) from exc
        return _parse_reply(reply)


def _read_reply(sock) -> str:
    data = b""
    while not data.endswith(b"\0"):
        part = sock.recv(4096)
        if not part:
            break
        data += part
    return data.rstrip(b"\0").decode("utf-8", "replace").strip()


def _parse_reply(reply: str) -> ScanResult:
    # "stream: OK", "stream: Eicar-Signature FOUND" or "<reason> ERROR".
    if reply.endswith(" FOUND"):
        signature = reply.removesuffix(" FOUND").split(":", 1)[-1].strip()
        return ScanResult(scanned=True, signature=signature or "unknown")
    if reply.endswith(": OK"):
        return ScanResult(scanned=True)
    raise ScannerUnavailable(reply or "no reply")


@cache
def _scanner_class(path: str):
    return import_string(path)


def get_scanner() -> VirusScanner:
    return _scanner_class(settings.FORMS_VIRUS_SCANNER)()

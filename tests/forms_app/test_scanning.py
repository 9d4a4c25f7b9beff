import io
import socket

import pytest

from forms_app.constants import ScanStatus
from forms_app.scanning import (
    CHUNK_SIZE,
    ClamdScanner,
    NoScanner,
    ScannerUnavailable,
    get_scanner,
)
from tests.forms_app.fake_clamd import EICAR, FakeClamd


@pytest.fixture
def clamd():
    with FakeClamd() as server:
        yield server


def scanner_for(server, timeout=2):
    return ClamdScanner(host="127.0.0.1", port=server.port, timeout=timeout)


def test_clean_file_is_clean(clamd):
    result = scanner_for(clamd).scan(io.BytesIO(b"%PDF-1.4 een gewone brief"))

    assert not result.infected
    assert result.status == ScanStatus.CLEAN


def test_eicar_is_found(clamd):
    result = scanner_for(clamd).scan(io.BytesIO(b"%PDF-1.4\n" + EICAR + b"\n%%EOF"))

    assert result.infected
    assert result.signature == "Eicar-Signature"


def test_big_file_goes_in_several_chunks_and_a_split_signature_is_found(clamd):
    # The test string straddles the boundary between the first and second chunk.
    data = b"a" * (CHUNK_SIZE - 10) + EICAR + b"b" * (2 * CHUNK_SIZE)

    result = scanner_for(clamd).scan(io.BytesIO(data))

    assert result.infected
    assert clamd.received[-1] == {"chunks": 4, "size": len(data)}


def test_scan_reads_from_the_start(clamd):
    fileobj = io.BytesIO(EICAR)
    fileobj.seek(10)

    assert scanner_for(clamd).scan(fileobj).infected


@pytest.mark.parametrize("mode", ["close", "error"])
def test_scanner_that_does_not_answer_properly_is_unavailable(mode):
    with FakeClamd(mode=mode) as server, pytest.raises(ScannerUnavailable):
        scanner_for(server).scan(io.BytesIO(b"inhoud"))


def test_scanner_that_never_answers_times_out():
    with FakeClamd(mode="hang") as server, pytest.raises(ScannerUnavailable):
        scanner_for(server, timeout=0.5).scan(io.BytesIO(b"inhoud"))


def test_refused_connection_is_unavailable():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # Nothing listens on the port any more.

    with pytest.raises(ScannerUnavailable):
        ClamdScanner(host="127.0.0.1", port=port, timeout=1).scan(io.BytesIO(b"inhoud"))


def test_no_scanner_marks_files_not_scanned():
    result = NoScanner().scan(io.BytesIO(EICAR))

    assert not result.infected
    assert result.status == ScanStatus.NOT_SCANNED


def test_scanner_comes_from_settings(settings, clamd):
    settings.FORMS_VIRUS_SCANNER = "forms_app.scanning.ClamdScanner"
    settings.CLAMD_HOST, settings.CLAMD_PORT, settings.CLAMD_TIMEOUT = "127.0.0.1", clamd.port, 2

    scanner = get_scanner()

    assert isinstance(scanner, ClamdScanner)
    assert scanner.scan(io.BytesIO(EICAR)).infected

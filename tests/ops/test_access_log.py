import datetime as dt
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from ops.access_log import FORMAT, Logger


def test_access_lines_hold_no_code_state_or_token_and_carry_the_request_id():
    config = Config()
    config.set("access_log_format", FORMAT)
    logger = Logger(config)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/mijn/inloggen/terug/?code=abc123secret&state=xyz789state",
        "PATH_INFO": "/mijn/inloggen/terug/",
        "QUERY_STRING": "code=abc123secret&state=xyz789state",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": "https://www.hethogeland.nl/zoeken/?q=x&email=anna@example.nl",
    }
    response = SimpleNamespace(
        status="302 Found", sent=0, headers=[("X-Request-ID", "abcdef0123456789")]
    )
    request = SimpleNamespace(headers=[("COOKIE", "sessionid=geheim")])

    atoms = logger.atoms(response, request, environ, dt.timedelta(milliseconds=12))
    line = FORMAT % atoms

    assert "/mijn/inloggen/terug/?code=[verwijderd]&state=[verwijderd]" in line
    assert "abc123secret" not in line and "xyz789state" not in line
    assert "anna@example.nl" not in str(atoms["f"])
    assert atoms["{cookie}i"] == "[verwijderd]"
    assert "request_id=abcdef0123456789" in line


def _line(path, query):
    config = Config()
    config.set("access_log_format", FORMAT)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"{path}?{query}",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
    }
    response = SimpleNamespace(status="200 OK", sent=0, headers=[("X-Request-ID", "abc123")])
    request = SimpleNamespace(headers=[])
    atoms = Logger(config).atoms(response, request, environ, dt.timedelta(milliseconds=3))
    return FORMAT % atoms, atoms


def test_a_percent_encoded_search_for_an_e_mail_address_or_bsn_is_not_logged():
    for query, hidden in [
        ("q=anna.devries%40voorbeeld.nl", "voorbeeld"),
        ("q=%22999990019%22", "999990019"),
        ("q=paspoort%20999990032", "999990032"),
    ]:
        line, atoms = _line("/zoeken/", query)

        assert hidden not in line
        assert hidden not in atoms["q"]


@pytest.mark.parametrize(
    "path", ["/admin/cases/case/", "/zoeken/"], ids=["staff case search", "site search"]
)
def test_what_is_searched_for_is_not_logged(path):
    # A resident's name in a search is personal data the access log does not need.
    line, atoms = _line(path, "q=Jan+Jansen&status=open")

    assert "Jansen" not in line
    assert "Jansen" not in atoms["q"]
    assert f"{path}?q=[verwijderd]&status=open" in line

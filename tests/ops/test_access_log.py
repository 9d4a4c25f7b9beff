import datetime as dt
from types import SimpleNamespace

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

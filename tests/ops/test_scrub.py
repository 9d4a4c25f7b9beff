import io
import json
import logging

import pytest

from ops import scrub
from ops.logs import JsonFormatter, RequestIdFilter, ScrubFilter


@pytest.mark.parametrize(
    ("raw", "hidden", "kept"),
    [
        ("Resident 999990019 logged in", "999990019", "Resident"),
        ("mail voor anna@example.nl verstuurd", "anna@example.nl", "verstuurd"),
        (
            "GET /mijn/inloggen/terug/?code=abc123&state=xyz789 200",
            "abc123",
            "/mijn/inloggen/terug/",
        ),
        ("GET /mijn/inloggen/terug/?code=abc123&state=xyz789 200", "xyz789", "200"),
        ("code=abc123&state=xyz789", "abc123", "code="),
        ("Authorization: Bearer s3cr3t-token-value", "s3cr3t-token-value", "Authorization"),
        ("id_token eyJhbGciOi.eyJzdWIiOiIx.c2lnbmF0dXJl", "eyJzdWIiOiIx", "id_token"),
        (
            "GET /volgen/eJzTSizNSyxKTQ:1tQ2Z1:abcdefghijklmnopqrstuvwx/",
            "abcdefghijklmnop",
            "/volgen/",
        ),
        ("GET /admin/2fa/koppelen/plain-token-42/ 302", "plain-token-42", "/koppelen/"),
        # As a browser sends a search: percent-encoded.
        ("GET /zoeken/?q=anna.devries%40voorbeeld.nl 200", "voorbeeld.nl", " 200"),
        ("GET /zoeken/?q=%22999990019%22 200", "999990019", "%22"),
        ("GET /zoeken/?q=paspoort%20999990032 200", "999990032", "paspoort"),
        ("GET /zoeken/?q=%28999990020%29 200", "999990020", "/zoeken/"),
    ],
)
def test_scrub_removes_personal_data_and_credentials(raw, hidden, kept):
    scrubbed = scrub.text(raw)

    assert hidden not in scrubbed
    assert kept in scrubbed


def test_words_that_look_like_parameters_outside_a_url_stay():
    assert scrub.text("Task 12 state=SUCCESSFUL") == "Task 12 state=SUCCESSFUL"


def test_nine_digits_that_are_no_bsn_stay():
    # 123456789 fails the elfproef: an order number, not a person.
    assert scrub.text("order 123456789") == "order 123456789"


def test_the_secret_key_is_never_written(settings):
    scrub._secrets.cache_clear()
    assert settings.SECRET_KEY not in scrub.text(f"signing with {settings.SECRET_KEY}")


def test_values_under_sensitive_keys_are_replaced_whole():
    cleaned = scrub.value({"name": "Anna de Vries", "status_code": 500, "page": 3})

    assert cleaned == {"name": scrub.REPLACEMENT, "status_code": 500, "page": 3}


def _json_log(logger_name, *args, **kwargs):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.addFilter(ScrubFilter())
    handler.setFormatter(JsonFormatter("%(levelname)s %(name)s %(message)s %(request_id)s"))
    logger = logging.getLogger(logger_name)
    logger.addHandler(handler)
    try:
        logger.error(*args, **kwargs)
    finally:
        logger.removeHandler(handler)
    return stream.getvalue()


def test_json_lines_with_request_id_and_scrubbed_args_extra_and_traceback():
    try:
        raise ValueError("geen resident voor 999990019")
    except ValueError:
        line = _json_log(
            "tests.ops",
            "Kon %s niet mailen",
            "anna@example.nl",
            exc_info=True,
            extra={"email": "anna@example.nl", "case_id": 7},
        )

    record = json.loads(line)
    assert record["message"] == "Kon [e-mail] niet mailen"
    assert record["request_id"] == "-" or len(record["request_id"]) == 32
    assert record["email"] == scrub.REPLACEMENT
    assert record["case_id"] == 7
    assert "999990019" not in line
    assert "anna@example.nl" not in line
    assert "ValueError" in record["exc_info"]


CODE, EMAIL, NAME, BSN = "abc123secret", "anna@example.nl", "Anna de Vries", "999990019"


def _form_post(rf):
    return rf.post(f"/formulier/?code={CODE}&email={EMAIL}", {"s_1-v_1": NAME, "s_1-v_2": BSN})


def test_error_reports_show_no_answers_query_or_personal_values(rf):
    # The report shows the source around the failing line: the values live elsewhere.
    import sys

    from ops.error_reports import SafeExceptionReporter

    request = _form_post(rf)
    bsn_number, resident_name, step = int(BSN), NAME, 3
    try:
        raise ValueError(f"kan {bsn_number} niet vinden in stap {step} ({len(resident_name)})")
    except ValueError:
        report = SafeExceptionReporter(request, *sys.exc_info()).get_traceback_html()

    for secret in (CODE, EMAIL, NAME, BSN):
        assert secret not in report
    # What a developer needs stays: the variable names, and a number that is no BSN.
    assert "resident_name" in report
    assert "step" in report

"""Every staff login attempt is in the security log: who, from where, the outcome. Never the
password or the code."""

import datetime as dt

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.staffauth.conftest import PASSWORD, code_for, password_login

pytestmark = pytest.mark.django_db
WRONG = "Fout-wachtwoord-7391"


def _events(caplog):
    return [
        (r.event, r.username, r.ip, r.outcome)
        for r in caplog.records
        if r.name == "hogeland.security"
    ]


def _everything_logged(caplog) -> str:
    return caplog.text + " ".join(str(vars(record)) for record in caplog.records)


def test_a_failed_and_a_successful_login_are_logged_without_the_password(client, editor, caplog):
    caplog.set_level("INFO")

    password_login(client, password=WRONG, REMOTE_ADDR="10.1.2.3")
    password_login(client, REMOTE_ADDR="10.1.2.3")

    assert _events(caplog) == [
        ("login", "redacteur", "10.1.2.3", "failure"),
        ("login", "redacteur", "10.1.2.3", "success"),
    ]
    assert WRONG not in _everything_logged(caplog)
    assert PASSWORD not in _everything_logged(caplog)


def test_codes_are_logged_by_outcome_only(client, editor_with_app, caplog, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 3, 9, 0, tzinfo=dt.UTC), tick=False)
    device = TOTPDevice.objects.get(user=editor_with_app)
    password_login(client)
    caplog.clear()
    caplog.set_level("INFO")

    client.post("/admin/tweestaps/", {"code": "024680"})
    time_machine.shift(60)
    code = code_for(device)
    client.post("/admin/tweestaps/", {"code": code})

    assert _events(caplog) == [
        ("second_factor", "redacteur", "127.0.0.1", "failure"),
        ("second_factor", "redacteur", "127.0.0.1", "success"),
    ]
    assert "024680" not in _everything_logged(caplog)
    assert code not in _everything_logged(caplog)


def test_a_lockout_is_logged(client, editor, caplog):
    caplog.set_level("INFO")

    for _ in range(5):
        password_login(client, password=WRONG)

    assert ("login", "redacteur", "127.0.0.1", "locked_out") in _events(caplog)
    assert WRONG not in _everything_logged(caplog)


def test_issuing_opening_and_using_a_link_are_logged_without_the_token(client, editor, caplog):
    from tests.staffauth.conftest import issue_link

    caplog.set_level("INFO")
    link = issue_link()
    client.get(link)
    password_login(client)
    client.get("/admin/tweestaps/instellen/")
    device = TOTPDevice.objects.get(user=editor)
    client.post("/admin/tweestaps/instellen/", {"code": code_for(device)})
    client.get(link)

    events = [e for e in _events(caplog) if e[0] == "enrolment_link"]
    assert events == [
        ("enrolment_link", "redacteur", "", "issued"),
        ("enrolment_link", "redacteur", "127.0.0.1", "opened"),
        ("enrolment_link", "redacteur", "127.0.0.1", "used"),
        ("enrolment_link", "redacteur", "127.0.0.1", "invalid"),
    ]
    token = link.rstrip("/").rsplit("/", 1)[1]
    # Django hands its loggers the request object (for error mails); the JSON log leaves it out.
    written = caplog.text + " ".join(
        str({k: v for k, v in vars(r).items() if k != "request"}) for r in caplog.records
    )
    assert token not in written
    assert [r.by for r in caplog.records if getattr(r, "outcome", "") == "issued"] == [
        "command issue_enrolment_link"
    ]

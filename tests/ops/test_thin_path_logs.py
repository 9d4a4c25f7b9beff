"""The thin path with a known BSN leaves no personal data or secret in logs, access-log
entries, error reports or the URLs the browser was sent to.

Everything the configured handlers write (root at DEBUG, django.request included) is
captured, as is every error report mailed to ADMINS.
"""

import io
import json
import logging
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from cases.models import Case
from contacts.models import AccessLogEntry
from tests.cms.factories import make_home
from tests.forms_app.factories import FormPageFactory
from tests.forms_app.wizard_client import Wizard
from tests.portal.oidc import FakeResponse, Transport, choose_person, finish_login, start_login

pytestmark = pytest.mark.django_db

BSN = "999990019"
NAME = "Anna de Vries"
EMAIL = "anna@example.nl"


class RecordingClient(Client):
    """A browser that remembers every URL it asked for or was sent to."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, raise_request_exception=False, **kwargs)
        self.urls = []

    def request(self, **environ):
        query = environ.get("QUERY_STRING", "")
        self.urls.append(environ["PATH_INFO"] + (f"?{query}" if query else ""))
        response = super().request(**environ)
        if response.has_header("Location"):
            self.urls.append(response["Location"])
        return response


class RecordingTransport(Transport):
    """The server-to-server calls to the broker; keeps the tokens it hands out."""

    def __init__(self):
        super().__init__()
        self.tokens = []

    def post(self, url, data=None, auth=None, **kwargs):
        reply = super().post(url, data=data, auth=auth, **kwargs)
        try:
            body = reply.json()
        except ValueError:
            return reply
        self.tokens += [body[k] for k in ("access_token", "id_token", "refresh_token") if k in body]
        return reply


@pytest.fixture
def log_output():
    """What the configured console handler writes, with the root logger at DEBUG."""
    root = logging.getLogger()
    console = next(h for h in root.handlers if h.get_name() == "console")
    stream, level = io.StringIO(), root.level
    old_stream = console.setStream(stream)
    root.setLevel(logging.DEBUG)
    try:
        yield stream
    finally:
        root.setLevel(level)
        console.setStream(old_stream)


def _code_and_state(url):
    query = parse_qs(urlsplit(url).query)
    return [*query.get("code", []), *query.get("state", [])]


def test_thin_path_leaves_no_personal_data_or_secret_behind(
    settings, log_output, staff_of, monkeypatch, django_capture_on_commit_callbacks
):
    settings.ADMINS = [("Beheer", "beheer@hethogeland.nl")]
    home = make_home()
    form_page = FormPageFactory(parent=home, slug="melding")
    browser = RecordingClient()
    credentials = []

    # 1. Log in with DigiD while the broker's token endpoint fails.
    callback = choose_person(browser, start_login(browser, form_page.url), BSN)
    credentials += _code_and_state(callback)
    failing = RecordingTransport()
    failing.replies["/digid-mock/token/"] = FakeResponse(
        500, json.dumps({"error": "server_error", "error_description": f"bsn {BSN}"})
    )
    assert finish_login(browser, callback, failing).status_code == 502

    # 2. Again, now the broker answers; then fill in and send the form.
    callback = choose_person(browser, start_login(browser, form_page.url), BSN)
    credentials += _code_and_state(callback)
    broker = RecordingTransport()
    assert finish_login(browser, callback, broker).status_code == 302
    credentials += broker.tokens
    wizard = Wizard(browser, form_page)
    wizard.answer("Losliggende stoeptegel", f"De tegel voor het huis van {NAME} wiebelt.")
    wizard.answer("Hoofdstraat 12, Winsum", EMAIL, "")
    with django_capture_on_commit_callbacks(execute=True):
        assert wizard.submit().status_code == 302
    case = Case.objects.get()

    # 3. Staff open the request (an access-log entry for the resident).
    staff = RecordingClient()
    staff.force_login(staff_of(case.team))
    assert staff.get(reverse("cases_case:edit", args=[case.pk])).status_code == 200

    # 4. A view fails with personal data in the exception and the query string.
    def broken(*args, **kwargs):
        raise RuntimeError(f"Zoeken mislukt voor {BSN} ({EMAIL}) met {settings.SECRET_KEY}")

    monkeypatch.setattr("cms.views.search.SiteSearch", broken)
    assert browser.get("/zoeken/", {"q": "afval", "email": EMAIL}).status_code == 500

    logs = log_output.getvalue()
    reports = "\n".join(
        f"{m.subject}\n{m.body}\n" + "".join(str(a[0]) for a in getattr(m, "alternatives", []))
        for m in mail.outbox
        if "beheer@hethogeland.nl" in m.to
    )
    access_log = "\n".join(
        f"{e.what} {e.reason}" for e in AccessLogEntry.objects.filter(resident=case.resident)
    )
    # The capture worked: the failed login, the error and its report are all there.
    assert "Login failed" in logs
    assert "Internal Server Error: /zoeken/" in logs
    assert '"request_id"' in logs
    assert "RuntimeError" in reports
    assert case.reference in access_log
    assert credentials

    secrets = [BSN, NAME, EMAIL, settings.SECRET_KEY, *credentials]
    for secret in secrets:
        assert secret not in logs, secret
        assert secret not in reports, secret
        assert secret not in access_log, secret
    # The OIDC callback carries code and state in its query by design (RFC 6749); nothing else
    # personal or secret is ever put in a URL.
    for url in browser.urls + staff.urls:
        for secret in [BSN, NAME, settings.SECRET_KEY, *broker.tokens]:
            assert secret not in url, (secret, url)

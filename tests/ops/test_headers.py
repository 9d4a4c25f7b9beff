import json
import logging

import pytest
from csp.constants import NONCE
from django.http import HttpResponse
from django.test import Client, RequestFactory

from portal.middleware import CSPMiddleware
from tests.cms.factories import make_home
from tests.ops.logged import logged_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    return make_home()


@pytest.mark.parametrize("path", ["/", "/zoeken/?q=afval", "/bestaat-niet/", "/admin/login/"])
def test_every_response_has_a_permissions_policy(client, home, path):
    response = client.get(path)

    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_the_admin_has_its_own_content_security_policy(admin_client, home):
    response = admin_client.get("/admin/")
    policy = response["Content-Security-Policy"]

    assert response.status_code == 200
    assert "object-src 'none'" in policy
    assert "connect-src 'self'" in policy
    assert "frame-ancestors 'self'" in policy
    assert "report-uri /csp-rapport/" in policy


def test_public_pages_keep_the_strict_policy_with_reports(client, home):
    policy = client.get("/")["Content-Security-Policy"]

    assert "script-src 'self';" in policy
    assert "'unsafe-inline'" not in policy
    assert "report-uri /csp-rapport/" in policy
    assert "report-to csp" in policy
    assert client.get("/")["Reporting-Endpoints"] == 'csp="/csp-rapport/"'


def test_a_csp_report_is_logged_without_personal_data(client, caplog):
    report = {
        "csp-report": {
            "document-uri": "https://www.hethogeland.nl/volgen/abc:def:ghijklmnopqrstuvwxyz123/?email=anna@example.nl",
            "effective-directive": "script-src-elem",
            "blocked-uri": "https://evil.example/steal.js?bsn=999990019",
            "source-file": "https://www.hethogeland.nl/static/js/app.js?token=geheim",
            "line-number": 12,
        }
    }
    with caplog.at_level(logging.WARNING, logger="ops.csp"):
        response = client.post(
            "/csp-rapport/", json.dumps(report), content_type="application/csp-report"
        )

    assert response.status_code == 204
    [record] = caplog.records
    logged = logged_text(record)
    assert "script-src-elem" in logged
    assert "https://evil.example" in logged
    for secret in ("999990019", "anna@example.nl", "steal.js", "geheim", "abc:def"):
        assert secret not in logged


def test_reports_from_the_reporting_api_are_read_too(client, caplog):
    report = [
        {
            "type": "csp-violation",
            "body": {
                "documentURL": "https://www.hethogeland.nl/zoeken/?q=anna",
                "effectiveDirective": "img-src",
                "blockedURL": "https://tracker.example/pixel.gif",
            },
        }
    ]
    with caplog.at_level(logging.WARNING, logger="ops.csp"):
        client.post("/csp-rapport/", json.dumps(report), content_type="application/reports+json")

    assert "img-src blocked https://tracker.example on /zoeken/" in caplog.text
    assert "anna" not in caplog.text


def test_a_large_csp_report_is_refused_unread(client, settings, caplog):
    settings.CSP_REPORT_MAX_BYTES = 100
    with caplog.at_level(logging.WARNING, logger="ops.csp"):
        response = client.post(
            "/csp-rapport/",
            json.dumps({"csp-report": {"x": "y" * 500}}),
            content_type="application/json",
        )

    assert response.status_code == 413
    assert not [r for r in caplog.records if r.name == "ops.csp"]


def test_bad_request_page_in_the_site_style(client, home, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    response = client.get("/", HTTP_HOST="aanvaller.example")

    content = response.content.decode()
    assert response.status_code == 400
    assert "Dit verzoek konden wij niet verwerken" in content
    assert 'class="site-header' in content


def test_forbidden_page_in_the_site_style(client, home):
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import PermissionDenied
    from django.test import RequestFactory

    from ops.views import permission_denied

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    response = permission_denied(request, PermissionDenied())

    content = response.content.decode()
    assert response.status_code == 403
    assert '<h1 class="utrecht-heading-1">Geen toegang</h1>' in content


def test_a_failed_csrf_check_gets_a_dutch_page_that_says_what_to_do(home):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/mijn/uitloggen/")

    content = response.content.decode()
    assert response.status_code == 403
    assert "Uw formulier is niet verstuurd" in content
    assert "Laad de pagina opnieuw" in content
    assert 'class="site-header' in content


def test_every_response_carries_a_request_id(client, home):
    first, second = client.get("/"), client.get("/")

    assert len(first["X-Request-ID"]) == 32
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_a_proxys_request_id_is_kept_but_not_arbitrary_text(client, home):
    kept = client.get("/", HTTP_X_REQUEST_ID="proxy-1234abcd")
    replaced = client.get("/", HTTP_X_REQUEST_ID="x\nINFO fake log line")

    assert kept["X-Request-ID"] == "proxy-1234abcd"
    assert "\n" not in replaced["X-Request-ID"]
    assert len(replaced["X-Request-ID"]) == 32


def _directives(header):
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


def _view_using_a_nonce(request):
    str(request.csp_nonce)  # what {{ request.csp_nonce }} in a template does
    return HttpResponse("ok")


def test_the_kept_policy_follows_a_changed_setting_and_an_added_nonce(client, home, settings):
    """The site's header is built once and kept (portal.middleware.CSPMiddleware): a changed
    policy or identity provider shows at once, and a nonce lands in the directive that asks
    for one, different for every request. (Search is never cached: a fresh header.)"""
    before = _directives(client.get("/zoeken/?q=afval")["Content-Security-Policy"])
    assert before["script-src"] == "'self'"
    assert before["form-action"].startswith("'self' ")

    directives = {**settings.CONTENT_SECURITY_POLICY["DIRECTIVES"], "script-src": ["'self'", NONCE]}
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": directives}
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://inloggen.example.nl/authorize"
    settings.OIDC_OP_LOGOUT_ENDPOINT = "https://inloggen.example.nl/logout"

    middleware = CSPMiddleware(_view_using_a_nonce)
    first, second = (
        _directives(middleware(RequestFactory().get("/"))["Content-Security-Policy"])
        for _ in range(2)
    )
    assert first["script-src"].startswith("'self' 'nonce-")
    assert first["script-src"] != second["script-src"]
    assert first["form-action"] == "'self' https://inloggen.example.nl"
    # Without a nonce asked for, the directive names none.
    after = _directives(client.get("/zoeken/?q=afval")["Content-Security-Policy"])
    assert after["script-src"] == "'self'"
    assert after["form-action"] == "'self' https://inloggen.example.nl"

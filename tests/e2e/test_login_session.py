"""Login, logout and the session warning in a real browser, with the identity provider on
another origin, as DigiD always is: the portal runs at http://127.0.0.1:<port>, the (mock)
provider is addressed as http://localhost:<port>."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


@pytest.fixture
def broker(demo_site, settings):
    """Point every OIDC endpoint at the provider's other origin; returns that origin."""
    from digid_mock.setup import ensure_client

    port = urlsplit(demo_site).port
    origin = f"http://localhost:{port}"
    settings.OIDC_OP_ISSUER = f"{origin}/digid-mock"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{origin}/digid-mock/authorize/"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{origin}/digid-mock/token/"
    settings.OIDC_OP_USER_ENDPOINT = f"{origin}/digid-mock/userinfo/"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{origin}/digid-mock/.well-known/jwks.json"
    settings.OIDC_OP_LOGOUT_ENDPOINT = f"{origin}/digid-mock/logout/"
    settings.SITE_URL = demo_site
    ensure_client()
    return origin


@pytest.fixture
def watched_page(new_page):
    """A page that records every request and every CSP violation the browser reports."""
    page = new_page()
    page.requests = []
    page.csp_violations = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on(
        "console",
        lambda message: (
            page.csp_violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return page


def _log_in(page, portal, person="Anna de Vries"):
    page.goto(portal + "/mijn/")
    expect(page).to_have_title(re.compile("DigiD"))
    page.get_by_role("button", name=re.compile(person)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn Hogeland")


def test_logout_reaches_the_provider_on_its_own_origin(demo_site, broker, watched_page):
    page = watched_page
    _log_in(page, demo_site)
    assert urlsplit(page.url).netloc == urlsplit(demo_site).netloc

    page.get_by_role("button", name="Uitloggen").click()

    expect(page).to_have_url(demo_site + "/")
    expect(page.get_by_role("status")).to_contain_text("U bent uitgelogd.")
    assert any(url.startswith(f"{broker}/digid-mock/logout/?") for url in page.requests)
    assert page.csp_violations == []
    # Logged out here too.
    page.goto(demo_site + "/mijn/")
    expect(page).to_have_url(re.compile(rf"^{broker}/digid-mock/authorize/"))


def test_a_form_sent_after_the_session_ended_reaches_the_provider(demo_site, broker, watched_page):
    page = watched_page
    page.goto(demo_site + "/")
    page.get_by_role("link", name="Verhuizing doorgeven").first.click()
    page.get_by_role("link", name="Regel het online").click()
    page.get_by_role("button", name=re.compile("Anna de Vries")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wie verhuist er?")
    # The session ended and this tab never heard of it (the expiry page went to another tab).
    page.context.clear_cookies(name="sessionid")
    page.context.clear_cookies(name="mijn_hogeland")

    page.get_by_label("Nee").check()
    page.get_by_role("button", name="Volgende").click()

    expect(page).to_have_url(re.compile(rf"^{broker}/digid-mock/authorize/"))
    expect(page).to_have_title(re.compile("DigiD"))
    assert page.csp_violations == []


def test_without_the_brokers_origin_the_browser_is_stopped(
    demo_site, broker, watched_page, monkeypatch
):
    """The control: with form-action 'self' only, the logout never reaches the provider."""
    page = watched_page
    _log_in(page, demo_site)
    monkeypatch.setattr("portal.middleware.broker_origins", lambda: [])
    page.reload()

    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_timeout(1000)

    assert not any(url.startswith(f"{broker}/digid-mock/logout/") for url in page.requests)
    assert any("form-action" in text for text in page.csp_violations)


def test_the_idle_warning_works_with_the_keyboard_and_then_the_session_ends(
    demo_site, broker, watched_page, settings, assert_accessible
):
    settings.PORTAL_SESSION_IDLE_SECONDS = 12
    settings.PORTAL_SESSION_WARNING_SECONDS = 8
    page = watched_page
    _log_in(page, demo_site)

    dialog = page.get_by_role("alertdialog", name="Wilt u ingelogd blijven?")
    expect(dialog).to_be_visible(timeout=8000)
    expect(dialog).to_contain_text("wordt u automatisch uitgelogd")
    stay = dialog.get_by_role("button", name="Blijf ingelogd")
    expect(stay).to_be_focused()
    assert page.evaluate("document.activeElement.closest('dialog') !== null")
    assert_accessible(page, "idle warning")

    page.keyboard.press("Enter")

    expect(dialog).to_be_hidden()
    expect(page.locator("[data-session-status]")).to_have_text("U blijft ingelogd.")
    # Escape also means "I am still here".
    expect(dialog).to_be_visible(timeout=8000)
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()

    # Now nobody answers: the browser goes to the page that says what was kept.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "U bent automatisch uitgelogd", timeout=20000
    )
    expect(page).to_have_url(re.compile(r"/mijn/sessie-verlopen/\?next=%2Fmijn%2F$"))
    expect(page.get_by_text("Wat is bewaard?")).to_be_visible()
    assert_accessible(page, "expiry page")
    assert page.csp_violations == []


def test_a_broker_that_does_not_answer_gives_a_page_to_try_again(
    demo_site, broker, watched_page, settings, assert_accessible
):
    # Nothing listens on port 9 (discard): the token exchange is refused.
    settings.OIDC_OP_TOKEN_ENDPOINT = "http://127.0.0.1:9/token/"
    page = watched_page
    page.goto(demo_site + "/mijn/")
    page.get_by_role("button", name=re.compile("Anna de Vries")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen is niet gelukt")
    assert_accessible(page, "login failed")
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{broker}/digid-mock/token/"
    page.get_by_role("link", name="Probeer opnieuw").click()
    page.get_by_role("button", name=re.compile("Anna de Vries")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn Hogeland")

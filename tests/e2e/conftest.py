"""Real browser tests: Debian's Chromium, driven by Playwright, against the live server."""

import os
import shutil

import pytest

CHROMIUM = "/usr/bin/chromium"
# Playwright's sync API runs an event loop in the test thread; Django must still allow ORM use.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM) or shutil.which("chromium"):
        return
    if os.environ.get("CI") == "true":
        raise pytest.UsageError(f"{CHROMIUM} is missing: CI must run the browser tests.")
    skip = pytest.mark.skip(reason=f"{CHROMIUM} ontbreekt: installeer het Debian-pakket chromium")
    for item in items:
        if "e2e" in item.nodeid:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, request):
    contexts = []

    def make(**kwargs):
        context = browser.new_context(locale="nl-NL", **kwargs)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
    if "live_server" in request.fixturenames:
        _wait_for_requests_in_flight(request.getfixturevalue("live_server"))


def _wait_for_requests_in_flight(live_server, quiet=0.3, timeout=10):
    """Let the server finish what closing the pages sent before the database is flushed.

    A page's unload can still reach the server (Wagtail's editor releases its editing session
    with a beacon, which the browser sends after the page is gone); on in-memory SQLite that
    request shares the test's connection, and the flush after the test then fails with
    "database table is locked". Wait until no request has been handled for `quiet` seconds.
    """
    import time

    deadline = time.monotonic() + timeout
    quiet_since = time.monotonic()
    while time.monotonic() < deadline:
        # socketserver keeps its request threads in `_threads` once it has had a request.
        threads = vars(live_server.thread.httpd).get("_threads", ())
        busy = [thread for thread in list(threads) if thread.is_alive()]
        if busy:
            for thread in busy:
                thread.join(max(0, deadline - time.monotonic()))
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since >= quiet:
            return
        time.sleep(0.05)


@pytest.fixture
def demo_site(transactional_db, live_server, settings):
    """The demo content on a live server (the seed also rebuilds what a flush removed)."""
    from django.core.management import call_command

    # The mock provider's endpoints are paths, resolved against the site URL: this server.
    settings.SITE_URL = live_server.url
    with open(os.devnull, "w") as devnull:
        call_command("seed_demo", stdout=devnull)
    return live_server.url


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture
def assert_accessible(axe):
    def check(page, context=""):
        # After a redirect the page's elements can be there before its stylesheet is: axe
        # would then measure an unstyled page (too small targets, for one).
        page.wait_for_load_state("load")
        results = axe.run(
            page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}
        )
        violations = results.response["violations"]
        summary = [
            f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
            for v in violations
        ]
        assert not violations, f"axe-core on {context or page.url}:\n" + "\n".join(summary)

    return check

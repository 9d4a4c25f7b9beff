"""The Content-Security-Policy holds in the browser: the Wagtail admin's main screens and the
public site work under it with no violation reported to the console."""

import re

import pytest
from playwright.sync_api import expect

from demo.content import DEMO_PASSWORD

pytestmark = pytest.mark.e2e


def _watch_csp(page):
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            or "Content-Security-Policy" in message.text
            else None
        ),
    )
    return violations


def _admin_urls():
    from wagtail.models import Page

    from cms.models import LocationPage, ServicePage
    from forms_app.models import FormPage

    home = Page.objects.get(depth=2)
    urls = [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{home.pk}/",
        f"/admin/pages/{home.pk}/edit/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/snippets/",
        "/admin/users/",
        "/admin/searchpicks/add/",
        "/admin/reports/locked/",
    ]
    for model in (ServicePage, LocationPage, FormPage):
        page = model.objects.first()
        if page is not None:
            urls += [f"/admin/pages/{page.pk}/edit/"]
    return urls


def test_public_site_and_admin_run_under_their_policies(demo_site, new_page):
    """One seeded site for both: residents' pages under the strict policy, then the admin's
    main screens (dashboard, page tree, page editors, images, documents, snippets, users,
    search promotions, reports) under the admin policy."""
    page = new_page()
    violations = _watch_csp(page)
    for url in ("/", "/zoeken/?q=afval", "/mijn/inloggen/"):
        response = page.goto(demo_site + url)
        page.wait_for_load_state("networkidle")
        if "/digid-mock/" not in page.url:
            assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    assert violations == []

    page.goto(demo_site + "/admin/login/")
    page.locator("#id_username").fill("beheerder")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    for url in _admin_urls():
        response = page.goto(demo_site + url)
        assert response.status == 200, url
        assert "script-src 'self' 'unsafe-inline'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
    # The page editor's preview panel opens the page in a frame of the admin.
    preview = page.get_by_role("button", name=re.compile("Voorvertoning|Preview"))
    if preview.count():
        preview.first.click()
        page.wait_for_timeout(1500)

    assert violations == []

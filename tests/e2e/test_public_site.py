"""Every public page type: accessible (axe-core), usable by keyboard, and fine at 320 px."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

PAGES = {
    "home": "/",
    "service index": "/producten-en-diensten/",
    "service": "/producten-en-diensten/paspoort-en-id-kaart/",
    "content": "/over-de-gemeente/",
    "news index filtered": "/nieuws/?onderwerp=verkeer&kern=winsum",
    "news index": "/nieuws/",
    "news item": "/nieuws/werkzaamheden-hoofdstraat-winsum/",
    "location": "/contact/gemeentehuis-winsum/",
    "search with results": "/zoeken/?q=paspoort",
    "search without results": "/zoeken/?q=qwertyuiop",
    "404": "/deze-pagina-bestaat-niet/",
}


def test_every_page_type_passes_axe(demo_site, new_page, assert_accessible):
    page = new_page()
    for name, path in PAGES.items():
        response = page.goto(demo_site + path)
        assert response.status == (404 if name == "404" else 200), name
        assert_accessible(page, name)


def test_no_horizontal_scrolling_at_320_px(demo_site, new_page):
    page = new_page(viewport={"width": 320, "height": 640})
    for name, path in PAGES.items():
        page.goto(demo_site + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at 320px"


def test_keyboard_only_skip_link_search_and_menu(demo_site, new_page):
    page = new_page()
    page.goto(demo_site + "/")

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Naar de inhoud")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    page.goto(demo_site + "/")
    search = page.get_by_role("searchbox").first
    for _ in range(10):
        page.keyboard.press("Tab")
        if search.evaluate("el => el === document.activeElement"):
            break
    expect(search).to_be_focused()
    page.keyboard.type("rijbewijs")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/zoeken/\?q=rijbewijs"))
    expect(page.get_by_role("link", name="Rijbewijs").first).to_be_visible()

    menu_link = page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Nieuws")
    for _ in range(20):
        page.keyboard.press("Tab")
        if menu_link.evaluate("el => el === document.activeElement"):
            break
    expect(menu_link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuws")


def test_news_filters_work_without_javascript(demo_site, new_page):
    page = new_page(java_script_enabled=False)
    page.goto(demo_site + "/nieuws/")

    page.get_by_label("Kern").select_option(label="Winsum")
    page.get_by_role("button", name="Filteren").click()

    expect(page).to_have_url(re.compile(r"kern=winsum"))
    expect(
        page.get_by_role("link", name="Werkzaamheden aan de Hoofdstraat in Winsum")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Nieuwe speeltuin in Uithuizen")).to_have_count(0)


def test_staff_see_internal_knowledge_residents_do_not(demo_site, new_page):
    from demo.content import DEMO_PASSWORD

    visitor = new_page()
    visitor.goto(demo_site + "/producten-en-diensten/paspoort-en-id-kaart/")
    expect(visitor.get_by_text("Alleen zichtbaar voor medewerkers")).to_have_count(0)

    staff = new_page()
    staff.goto(demo_site + "/admin/login/")
    staff.locator("#id_username").fill("informatie")
    staff.locator("#id_password").fill(DEMO_PASSWORD)
    staff.locator("form button[type=submit]").click()
    staff.goto(demo_site + "/producten-en-diensten/paspoort-en-id-kaart/")
    expect(staff.get_by_text("Alleen zichtbaar voor medewerkers")).to_be_visible()
    expect(staff.get_by_text("Spoedaanvraag")).to_be_visible()

    visitor.reload()
    expect(visitor.get_by_text("Spoedaanvraag")).to_have_count(0)

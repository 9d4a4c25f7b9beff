"""Search on the demo site in a browser: a typo, a synonym and a promoted result."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_a_resident_with_a_typo_is_led_to_the_passport_page(demo_site, new_page, assert_accessible):
    page = new_page()
    page.goto(demo_site + "/")
    page.get_by_role("searchbox").first.fill("paspport")
    page.keyboard.press("Enter")

    expect(page.get_by_text("Bedoelde u")).to_be_visible()
    assert_accessible(page, "search with a typo")
    suggestion = page.get_by_role("link", name="paspoort", exact=True)
    suggestion.focus()
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/zoeken/\?q=paspoort$"))
    expect(page.get_by_text("Bedoelde u")).to_have_count(0)
    first = page.locator(".search-result__title a").first
    expect(first).to_have_text("Paspoort en ID-kaart")


def test_synonyms_and_promoted_results_put_the_right_page_first(
    demo_site, new_page, assert_accessible
):
    page = new_page()

    page.goto(demo_site + "/zoeken/?q=lantaarnpaal+kapot")
    expect(page.locator(".search-result__title a").first).to_have_text("Melding openbare ruimte")

    page.goto(demo_site + "/zoeken/?q=afspraak+maken")
    recommended = page.get_by_role("region", name="Aanbevolen")
    expect(recommended.get_by_role("link").first).to_have_text("Paspoort en ID-kaart")
    assert_accessible(page, "search with promoted results")


@pytest.mark.parametrize("times", [1, 3], ids=["found", "nothing found"])
def test_a_long_search_word_does_not_widen_the_page_on_a_phone(demo_site, new_page, times):
    page = new_page(viewport={"width": 320, "height": 800})
    page.goto(demo_site + "/zoeken/?q=" + "Gehandicaptenparkeerkaartaanvraagformulier" * times)

    expect(page.get_by_role("status").first).to_contain_text("Gehandicaptenparkeerkaart")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0

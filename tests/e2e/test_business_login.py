"""eHerkenning in a real browser: a business logs in for one branch at the mock, and the
portal says on whose behalf. The mock's page with its business choices passes axe-core."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_a_branch_of_a_business_logs_in_by_keyboard_and_sees_on_whose_behalf(
    demo_site, new_page, assert_accessible
):
    page = new_page()
    page.goto(demo_site + "/mijn/")
    expect(page).to_have_title(re.compile("DigiD"))
    assert_accessible(page, "mock login with business choices")

    branch = page.get_by_role("button", name=re.compile("Bakkerij De Hoogte, Uithuizen"))
    branch.focus()
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/mijn/$"))
    expect(page.get_by_test_id("ingelogd-namens")).to_have_text(
        "Ingelogd namens Bakkerij De Hoogte, vestiging Uithuizen (KvK 68750110)"
    )
    assert_accessible(page, "portal overview of a business branch")

    # The business's details: read-only for a branch, with the reason in plain Dutch.
    page.goto(demo_site + "/mijn/gegevens/")
    expect(page.get_by_text("Alleen wie inlogt voor het hele bedrijf")).to_be_visible()
    expect(page.get_by_role("button", name="Opslaan")).to_have_count(0)
    assert_accessible(page, "read-only business details for a branch login")

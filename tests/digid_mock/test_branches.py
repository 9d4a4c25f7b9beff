"""The mock offers a business as a whole and each of its branches (vestigingen)."""

import pytest
from django.conf import settings

from contacts.kvk import DemoKvKRegister
from tests.digid_mock.test_claims import _authorize_url, _log_in

pytestmark = pytest.mark.django_db
BAKERY, UITHUIZEN = "68750110", "000037178601"


def test_a_branch_button_releases_the_kvk_number_and_the_branch():
    claims, userinfo = _log_in({"methode": "eherkenning", "bedrijf": f"{BAKERY}-{UITHUIZEN}"})

    assert (claims["kvk"], claims["vestiging"]) == (BAKERY, UITHUIZEN)
    assert (userinfo["kvk"], userinfo["vestiging"]) == (BAKERY, UITHUIZEN)


def test_the_branch_claim_needs_the_kvk_scope_like_the_kvk_number(settings):
    settings.DIGID_MOCK_KVK_SCOPE = "kvk"
    choice = {"methode": "eherkenning", "bedrijf": f"{BAKERY}-{UITHUIZEN}"}

    without, _userinfo = _log_in(choice)
    with_scope, _userinfo = _log_in(choice, scope="openid kvk")

    assert "kvk" not in without and "vestiging" not in without
    assert (with_scope["kvk"], with_scope["vestiging"]) == (BAKERY, UITHUIZEN)


def test_the_login_page_tells_a_whole_business_from_a_branch(client):
    content = client.get(_authorize_url("v" * 50)).content.decode()

    assert f"(KvK {BAKERY}, alle vestigingen)" in content
    assert f"(KvK {BAKERY}, vestiging {UITHUIZEN})" in content


def test_the_mocks_businesses_are_in_the_demo_kvk_register():
    register = DemoKvKRegister()
    for business in settings.DIGID_MOCK_BUSINESSES:
        company = register.company(business["kvk"])
        assert company is not None, business
        assert business["name"].startswith(company.name)
        if business["branch"]:
            assert company.branch(business["branch"]) is not None, business

"""Wagtail's password form outside the admin is no second door: residents use DigiD."""

import pytest
from django.contrib.auth import SESSION_KEY
from wagtail.models import PageViewRestriction, Site

from tests.staffauth.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_frontend_password_login_is_not_there(client, editor):
    response = client.post("/_util/login/", {"username": "redacteur", "password": PASSWORD})

    assert response.status_code == 404
    assert SESSION_KEY not in client.session


def test_a_page_for_logged_in_visitors_sends_them_to_digid(client):
    home = Site.objects.get(is_default_site=True).root_page
    PageViewRestriction.objects.create(page=home, restriction_type=PageViewRestriction.LOGIN)

    response = client.get(home.url)

    assert response.status_code == 302
    assert response["Location"].startswith("/mijn/inloggen/?next=")

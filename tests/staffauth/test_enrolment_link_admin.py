"""Functioneel beheer issues an enrolment link from the users list in the admin."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.contacts.factories import UserFactory
from tests.staffauth.conftest import PASSWORD, path_of, verified_login

pytestmark = pytest.mark.django_db


def _admin_user(username, *codenames, **kwargs):
    user = UserFactory(username=username, is_staff=True, password=PASSWORD, **kwargs)
    for codename in ("access_admin", *codenames):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


@pytest.fixture
def beheer(client):
    verified_login(client, _admin_user("beheer", "change_user", "view_user"))
    return client


def _issue_url(user):
    return f"/admin/koppellink/{user.pk}/"


def test_functioneel_beheer_makes_a_link_from_the_users_list(beheer, editor):
    listing = beheer.get("/admin/users/").content.decode()
    assert f'href="{_issue_url(editor)}"' in listing
    assert "Koppellink maken" in listing

    response = beheer.post(_issue_url(editor))

    page = response.content.decode()
    link = re.search(r'value="(http://[^"]+/admin/tweestaps/koppelen/[^"]+/)"', page).group(1)
    assert "De link werkt één keer, tot" in page
    assert Client().get(path_of(link))["Location"] == "/admin/tweestaps/instellen/"


def test_without_the_permission_there_is_no_link_to_make(client, editor):
    verified_login(client, _admin_user("collega"))

    assert client.get(_issue_url(editor)).status_code == 404
    assert client.post(_issue_url(editor)).status_code == 404
    assert not TOTPDevice.objects.filter(user=editor).exists()


def test_no_link_for_a_superuser_from_someone_who_is_not_one(beheer):
    chief = _admin_user("chef", is_superuser=True)

    assert beheer.post(_issue_url(chief)).status_code == 404
    assert not TOTPDevice.objects.filter(user=chief).exists()


def test_no_link_for_someone_who_has_an_app(beheer, editor_with_app):
    page = beheer.get(_issue_url(editor_with_app)).content.decode()
    assert "heeft al een authenticator-app" in page
    assert "reset_second_factor redacteur" in page

    response = beheer.post(_issue_url(editor_with_app))

    assert response.status_code == 409
    assert TOTPDevice.objects.filter(user=editor_with_app).count() == 1

"""A staff member who lost phone and codes gets a new setup after a reset by an operator."""

import io

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_static.models import StaticDevice

from tests.staffauth.conftest import password_login

pytestmark = pytest.mark.django_db


def test_after_a_reset_the_next_login_sets_up_a_new_app(client, editor_with_app):
    StaticDevice.objects.create(user=editor_with_app, name="Herstelcodes")
    out = io.StringIO()

    call_command("reset_second_factor", "redacteur", stdout=out)

    assert "Tweestapsverificatie van 'redacteur' is verwijderd." in out.getvalue()
    password_login(client)
    assert client.get("/admin/")["Location"].startswith("/admin/tweestaps/instellen/")


def test_an_unknown_user_is_an_error():
    with pytest.raises(CommandError, match="Geen gebruiker"):
        call_command("reset_second_factor", "niemand")

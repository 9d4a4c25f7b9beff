"""A staff member who lost phone and codes gets a new enrolment link after a reset by an
operator; the old app and codes stop working."""

import io
import re

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.staffauth.conftest import password_login, path_of

pytestmark = pytest.mark.django_db
ENROL = "/admin/tweestaps/instellen/"


def test_after_a_reset_the_new_link_sets_up_a_new_app(client, editor_with_app):
    StaticDevice.objects.create(user=editor_with_app, name="Herstelcodes")
    old = TOTPDevice.objects.get()
    out = io.StringIO()

    call_command("reset_second_factor", "redacteur", stdout=out)

    assert "Tweestapsverificatie van 'redacteur' is verwijderd." in out.getvalue()
    assert not StaticDevice.objects.exists()
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
    password_login(client)
    assert client.get("/admin/")["Location"].startswith(ENROL)
    assert "Vraag een koppellink aan" in client.get(ENROL).content.decode()
    client.get(path_of(re.search(r"https?://\S+", out.getvalue()).group(0)))
    assert "QR-code voor de authenticator-app" in client.get(ENROL).content.decode()


def test_an_unknown_user_is_an_error():
    with pytest.raises(CommandError, match="Geen gebruiker"):
        call_command("reset_second_factor", "niemand")

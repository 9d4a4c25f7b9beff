"""Links in e-mail: residents are sent to the public site, staff into the admin, when the two
live on different hosts (as in production behind a separate admin host)."""

import pytest
from django.core import mail
from django.test import override_settings

from contacts.notifications import send_email_confirmation
from ops.links import admin_url, site_url
from tests.contacts.factories import ResidentFactory

HOSTS = {"SITE_URL": "https://www.hethogeland.nl/", "WAGTAILADMIN_BASE_URL": "https://beheer.test"}


@override_settings(**HOSTS)
def test_links_use_the_host_for_their_reader():
    assert site_url("/mijn/") == "https://www.hethogeland.nl/mijn/"
    assert admin_url("/admin/") == "https://beheer.test/admin/"
    assert admin_url("") == ""


@pytest.mark.django_db
@override_settings(**HOSTS)
def test_a_resident_confirms_a_new_address_on_the_public_site(django_capture_on_commit_callbacks):
    resident = ResidentFactory(pending_email="nieuw@example.nl")

    with django_capture_on_commit_callbacks(execute=True):
        send_email_confirmation.call(resident_id=resident.pk, token="abc")

    (message,) = mail.outbox
    assert "https://www.hethogeland.nl/mijn/" in message.body
    assert "beheer.test" not in message.body

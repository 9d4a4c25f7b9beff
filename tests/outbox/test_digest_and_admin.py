import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from outbox.constants import EmailStatus
from outbox.digest import undelivered_digest
from outbox.models import OutboundEmail
from outbox.services import queue_email, send_due
from tests.contacts.factories import UserFactory

pytestmark = pytest.mark.django_db


def given_up(subject):
    email = queue_email(to="anna@example.nl", subject=subject, body="x", dedupe_key=subject)
    OutboundEmail.objects.filter(pk=email.pk).update(
        status=EmailStatus.FAILED, given_up_at=timezone.now() - dt.timedelta(hours=2), body=""
    )
    return email


def test_daily_digest_lists_undelivered_email_without_addresses(settings):
    settings.OUTBOX_ADMIN_EMAILS = ["beheer@hethogeland.nl"]
    given_up("Wij hebben uw melding ontvangen (HH-AB12)")

    assert undelivered_digest() == 1
    send_due()

    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert digest.to == ["beheer@hethogeland.nl"]
    assert digest.subject == "1 e-mail(s) niet bezorgd"
    assert "HH-AB12" in digest.body
    assert "anna@example.nl" not in digest.body


def test_digest_goes_to_superusers_by_default_and_only_once_a_day():
    UserFactory(is_superuser=True, is_staff=True, email="beheerder@hethogeland.nl")
    given_up("Nieuwe status van uw aanvraag HH-CD34")

    undelivered_digest()
    undelivered_digest()
    send_due()

    assert [m.to for m in mail.outbox] == [["beheerder@hethogeland.nl"]]


def test_no_digest_without_undelivered_email():
    UserFactory(is_superuser=True, is_staff=True, email="beheerder@hethogeland.nl")

    assert undelivered_digest() == 0
    assert not OutboundEmail.objects.exists()


def test_superusers_see_undelivered_email_in_the_admin(client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    email = given_up("Wij hebben uw melding ontvangen (HH-AB12)")
    client.force_login(admin)

    listing = client.get("/admin/outbound_email/?status=failed")
    detail = client.get(f"/admin/outbound_email/inspect/{email.pk}/")

    assert listing.status_code == 200
    assert "HH-AB12" in listing.content.decode()
    assert "Niet bezorgd" in listing.content.decode()
    assert detail.status_code == 200


def test_other_staff_do_not_see_the_outbox_and_nobody_edits_it(client, staff_of):
    from tests.contacts.factories import TeamFactory

    email = given_up("Wij hebben uw melding ontvangen (HH-AB12)")
    client.force_login(staff_of(TeamFactory()))
    assert client.get("/admin/outbound_email/").status_code in (302, 403)

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(f"/admin/outbound_email/edit/{email.pk}/").status_code in (302, 403)
    assert client.get("/admin/outbound_email/new/").status_code in (302, 403)

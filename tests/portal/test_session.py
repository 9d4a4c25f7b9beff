"""The session policy with a moved clock: residents per the DigiD norms, staff their own."""

import datetime as dt
from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from tests.contacts.factories import ResidentFactory, UserFactory
from tests.portal.oidc import login_with_digid, portal_login

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 3, 3, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(START, tick=False)
    return time_machine


@pytest.fixture
def resident_client(client, clock):
    login_with_digid(client)
    assert client.get("/mijn/").status_code == 200
    return client


def _stored(session_key):
    """The session as the store has it now, without a request."""
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key=session_key).load()


def test_idle_for_14_59_the_resident_is_still_logged_in(resident_client, clock):
    clock.shift(dt.timedelta(minutes=14, seconds=59))

    assert resident_client.get("/mijn/").status_code == 200


def test_idle_for_15_01_the_resident_is_logged_out_and_the_session_is_gone(resident_client, clock):
    key = resident_client.session.session_key

    clock.shift(dt.timedelta(minutes=15, seconds=1))

    # Gone in the store already, before the browser comes back.
    assert _stored(key) == {}
    response = resident_client.get("/mijn/aanvragen/")
    assert response.status_code == 303
    assert response["Location"] == "/mijn/sessie-verlopen/?next=%2Fmijn%2Faanvragen%2F"
    assert not Session.objects.filter(session_key=key).exists()
    page = resident_client.get(response["Location"])
    content = page.content.decode()
    assert "U bent automatisch uitgelogd" in content
    assert "Wat is bewaard?" in content
    assert "uw antwoorden zijn bewaard tot en met de laatste stap" in content
    assert 'href="/mijn/inloggen/?next=%2Fmijn%2Faanvragen%2F"' in content
    # Said once; after that the portal simply asks to log in.
    assert resident_client.get("/mijn/")["Location"].startswith("/mijn/inloggen/")


def test_activity_keeps_the_session_open(resident_client, clock):
    for _ in range(6):
        clock.shift(dt.timedelta(minutes=14))
        assert resident_client.get("/mijn/").status_code == 200


def test_after_12_hours_the_session_ends_however_active(resident_client, clock):
    for _ in range(51):  # 11 hours 54 minutes
        clock.shift(dt.timedelta(minutes=14))
        assert resident_client.get("/mijn/").status_code == 200
    clock.shift(dt.timedelta(minutes=5))
    assert resident_client.get("/mijn/").status_code == 200  # 11:59

    clock.shift(dt.timedelta(minutes=2))  # 12:01

    response = resident_client.get("/mijn/")
    assert response.status_code == 303
    assert response["Location"].startswith("/mijn/sessie-verlopen/")


def test_the_old_session_cookie_fails_after_logout(resident_client):
    old = resident_client.cookies[settings.SESSION_COOKIE_NAME].value

    resident_client.post("/mijn/uitloggen/")

    assert not Session.objects.filter(session_key=old).exists()
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = old
    response = replay.get("/mijn/")
    assert response.status_code == 302
    assert response["Location"].startswith("/mijn/inloggen/")


def test_logout_needs_no_expiry_page_afterwards(resident_client):
    resident_client.post("/mijn/uitloggen/")

    assert resident_client.get("/mijn/")["Location"].startswith("/mijn/inloggen/")


def test_a_staff_member_idle_for_30_minutes_in_the_admin_is_still_logged_in(client, clock):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get("/admin/").status_code == 200

    clock.shift(dt.timedelta(minutes=30))

    assert client.get("/admin/").status_code == 200


def test_a_staff_member_has_their_own_limit(client, clock, settings):
    settings.STAFF_SESSION_IDLE_SECONDS = 3600
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    client.get("/admin/")

    clock.shift(dt.timedelta(minutes=61))

    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert SESSION_KEY not in client.session


def test_the_status_check_does_not_count_as_activity(resident_client, clock):
    clock.shift(dt.timedelta(minutes=10))

    state = resident_client.get("/mijn/sessie/").json()

    assert state == {"expired": False, "remaining": 300, "warning": 120}
    clock.shift(dt.timedelta(minutes=5, seconds=1))
    assert resident_client.get("/mijn/sessie/").status_code == 401
    assert resident_client.get("/mijn/").status_code == 303


def test_blijf_ingelogd_extends_the_session(resident_client, clock):
    clock.shift(dt.timedelta(minutes=14))

    response = resident_client.post("/mijn/sessie/verlengen/", HTTP_ACCEPT="application/json")

    assert response.json() == {"expired": False, "remaining": 900, "warning": 120}
    clock.shift(dt.timedelta(minutes=14))
    assert resident_client.get("/mijn/").status_code == 200


def test_blijf_ingelogd_works_without_javascript(resident_client, clock):
    clock.shift(dt.timedelta(minutes=14))

    response = resident_client.post("/mijn/sessie/verlengen/", {"next": "/mijn/berichten/"})

    assert response.status_code == 302
    assert response["Location"] == "/mijn/berichten/"
    clock.shift(dt.timedelta(minutes=14))
    assert resident_client.get("/mijn/").status_code == 200


def test_blijf_ingelogd_too_late_says_so(resident_client, clock):
    clock.shift(dt.timedelta(minutes=16))

    response = resident_client.post("/mijn/sessie/verlengen/", HTTP_ACCEPT="application/json")

    assert response.status_code == 401
    assert response.json()["expired"] is True


def test_blijf_ingelogd_refuses_a_foreign_next(resident_client):
    response = resident_client.post("/mijn/sessie/verlengen/", {"next": "https://evil.example/"})

    assert response["Location"] == "/mijn/"


def test_a_form_post_after_expiry_lands_on_the_expiry_page(resident_client, clock):
    clock.shift(dt.timedelta(minutes=20))

    response = resident_client.post("/mijn/aanvragen/HH-2026-00001/", {"body": "Hallo"})

    assert response.status_code == 303
    assert (
        response["Location"] == "/mijn/sessie-verlopen/?next=%2Fmijn%2Faanvragen%2FHH-2026-00001%2F"
    )


def test_portal_pages_carry_the_accessible_warning(resident_client):
    content = resident_client.get("/mijn/").content.decode()

    assert 'role="alertdialog"' in content
    assert 'aria-labelledby="sessie-titel"' in content
    assert 'data-remaining="900"' in content
    assert 'data-warning="120"' in content
    assert ">Blijf ingelogd</button>" in content
    assert 'action="/mijn/sessie/verlengen/"' in content
    assert "js/session.js" in content


def test_anonymous_pages_have_no_warning(client):
    assert "alertdialog" not in client.get("/mijn/sessie-verlopen/").content.decode()


def test_the_expiry_page_sends_a_logged_in_resident_on(resident_client):
    response = resident_client.get("/mijn/sessie-verlopen/?next=/mijn/berichten/")

    assert response["Location"] == "/mijn/berichten/"


def test_an_anonymous_session_also_ends_after_15_minutes(client, clock):
    session = client.session
    session["iets"] = "ingevuld"
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    client.get("/mijn/sessie-verlopen/")

    clock.shift(dt.timedelta(minutes=15, seconds=1))
    client.get("/mijn/sessie-verlopen/")

    assert "iets" not in client.session


def test_the_store_expires_sessions_at_their_own_limit(client, clock):
    staff = Client()
    staff.force_login(UserFactory(is_staff=True))
    staff.get("/mijn/sessie-verlopen/")
    resident = Client()
    portal_login(resident, ResidentFactory())
    resident.get("/mijn/")

    ends = {
        key: Session.objects.get(session_key=key).expire_date
        for key in (staff.session.session_key, resident.session.session_key)
    }

    now = timezone.now()
    assert ends[staff.session.session_key] == now + dt.timedelta(hours=1)
    assert ends[resident.session.session_key] == now + dt.timedelta(minutes=15)


def test_a_page_counts_itself_in_the_time_it_announces(resident_client, clock):
    clock.shift(dt.timedelta(minutes=10))

    content = resident_client.get("/mijn/").content.decode()

    assert 'data-remaining="900"' in content


def test_near_the_absolute_limit_the_page_announces_what_is_left(resident_client, clock):
    for _ in range(51):
        clock.shift(dt.timedelta(minutes=14))
        resident_client.get("/mijn/")
    clock.shift(dt.timedelta(minutes=1))  # 11:55 after the login

    content = resident_client.get("/mijn/").content.decode()

    assert 'data-remaining="300"' in content


def test_a_page_view_within_a_minute_writes_no_session(resident_client, clock):
    key = resident_client.session.session_key
    stored = Session.objects.get(session_key=key).expire_date
    clock.shift(dt.timedelta(seconds=30))

    content = resident_client.get("/mijn/").content.decode()

    # Not written: the session still ends 15 minutes after the activity stored last, and the
    # page announces that end.
    assert Session.objects.get(session_key=key).expire_date == stored
    assert 'data-remaining="870"' in content


def test_a_page_view_after_a_minute_is_stored_as_activity(resident_client, clock):
    key = resident_client.session.session_key
    clock.shift(dt.timedelta(minutes=1))

    content = resident_client.get("/mijn/").content.decode()

    assert Session.objects.get(session_key=key).expire_date == timezone.now() + dt.timedelta(
        minutes=15
    )
    assert 'data-remaining="900"' in content


def test_blijf_ingelogd_counts_also_seconds_after_the_last_page(resident_client, clock):
    # Within the minute in which a page view writes nothing: the button still gives more time.
    clock.shift(dt.timedelta(seconds=30))

    response = resident_client.post("/mijn/sessie/verlengen/", HTTP_ACCEPT="application/json")

    assert response.json()["remaining"] == 900


def test_with_a_short_idle_limit_every_page_view_still_counts(resident_client, clock, settings):
    settings.PORTAL_SESSION_IDLE_SECONDS = 20

    # Each view comes 15 seconds after the one before: with activity stored only once a minute
    # the third would find the session ended.
    for _ in range(3):
        clock.shift(dt.timedelta(seconds=15))
        assert resident_client.get("/mijn/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_a_session_ended_elsewhere_is_not_brought_back_by_a_late_save():
    # Outside a transaction, as a request runs: the store's own single-statement UPDATE.
    from django.contrib.sessions.backends.base import UpdateError

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store["wizard"] = {"step": 1}
    store.save()
    key = store.session_key
    store["wizard"] = {"step": 2}
    store.save()
    assert _stored(key)["wizard"] == {"step": 2}

    # Logged out in another tab while this request was busy.
    Session.objects.filter(session_key=key).delete()
    store["wizard"] = {"step": 3}
    with pytest.raises(UpdateError):
        store.save()

    assert not Session.objects.filter(session_key=key).exists()

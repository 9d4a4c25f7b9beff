"""The "Servicenormen" dashboard: figures measured on hand-made clocks with a moved clock."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contacts.backoffice.dashboard import team_scope
from contacts.backoffice.dashboard_norms import compute, human_duration
from contacts.backoffice.dashboard_open import open_work
from contacts.backoffice.dashboard_volume import compute as volume
from contacts.constants import Channel, ClockKind, NormUnit
from contacts.models import ContactMoment, NormClock
from tests.contacts.factories import TeamFactory, UserFactory

AMS = ZoneInfo("Europe/Amsterdam")
URL = "/admin/servicenormen/"
CSV_URL = "/admin/servicenormen/export.csv"
# Wednesday 18 March 2026, noon: week 12 runs from Monday 16 March.
NOW = dt.datetime(2026, 3, 18, 12, 0, tzinfo=AMS)


def local(*args):
    return dt.datetime(*args, tzinfo=AMS)


def clock(team, *, started, hours=None, due=None, channel=Channel.PHONE, **fields):
    """A clock started at ``started``; stopped after ``hours`` if given; due at ``due`` (by
    default two days after the start)."""
    return NormClock.objects.create(
        kind=fields.pop("kind", ClockKind.CONTACT),
        team=team,
        channel=channel,
        norm_amount=2,
        norm_unit=NormUnit.WORKING_DAYS,
        started_at=started,
        due_at=due or started + dt.timedelta(days=2),
        stopped_at=started + dt.timedelta(hours=hours) if hours is not None else None,
        **fields,
    )


@pytest.fixture
def team():
    return TeamFactory(name="Openbare ruimte", slug="openbare-ruimte", email="or@example.nl")


@pytest.fixture
def other_team():
    return TeamFactory(name="Belastingen", slug="belastingen", email="bel@example.nl")


@pytest.fixture
def now():
    with time_machine.travel(NOW, tick=False):
        yield NOW


def row_for(figures, team, channel):
    return next(r for r in figures.rows if r.team_id == team.pk and r.channel == channel)


# --- figures ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_share_within_the_norm_and_median_per_week_and_month(team, now):
    this_week = local(2026, 3, 16, 9, 0)
    last_week = local(2026, 3, 9, 9, 0)
    # This week: 1 h and 3 h in time, 5 h too late (due after 4 h).
    clock(team, started=this_week, hours=1)
    clock(team, started=this_week, hours=3)
    clock(team, started=this_week, hours=5, due=this_week + dt.timedelta(hours=4))
    # Last week: 2 h and 4 h, both in time.
    clock(team, started=last_week, hours=2)
    clock(team, started=last_week, hours=4)
    # January: in the months, not in the last 8 weeks. Last year: in neither. Running: not yet.
    clock(team, started=local(2026, 1, 12, 9, 0), hours=10)
    clock(team, started=local(2025, 6, 2, 9, 0), hours=1)
    clock(team, started=this_week)
    clock(team, started=this_week, hours=6, channel=Channel.EMAIL)

    figures = compute(now=now)

    assert figures.weeks[-1] == dt.date(2026, 3, 16)
    assert figures.weeks[0] == dt.date(2026, 1, 26)
    assert figures.months == [dt.date(2025, 10, 1)] + [
        dt.date(2025 + (m > 12), (m - 1) % 12 + 1, 1) for m in range(11, 16)
    ]
    phone = row_for(figures, team, Channel.PHONE)
    current, previous = phone.weeks[-1], phone.weeks[-2]
    assert (current.total, current.met, round(current.share)) == (3, 2, 67)
    assert current.median == dt.timedelta(hours=3)
    assert (previous.total, previous.met, previous.share) == (2, 2, 100)
    assert previous.median == dt.timedelta(hours=3)  # the mean of the middle two
    assert phone.weeks[0].total == 0 and phone.weeks[0].median is None
    assert (phone.weeks_total.total, phone.weeks_total.met) == (5, 4)
    assert phone.weeks_total.median == dt.timedelta(hours=3)
    january, march = phone.months[3], phone.months[5]
    assert (january.total, january.median) == (1, dt.timedelta(hours=10))
    assert (march.total, march.met) == (5, 4)
    assert (phone.months_total.total, phone.months_total.met) == (6, 5)
    assert phone.months_total.median == dt.timedelta(hours=3.5)
    email = row_for(figures, team, Channel.EMAIL)
    assert (email.weeks[-1].total, email.weeks[-1].median) == (1, dt.timedelta(hours=6))


@pytest.mark.django_db
def test_a_clock_counts_in_the_week_it_stopped_in_local_time(team, now):
    # Sunday 15 March 23:30 in Amsterdam is 22:30 UTC: still week 11, not week 12.
    clock(team, started=local(2026, 3, 15, 20, 30), hours=3)

    phone = row_for(compute(now=now), team, Channel.PHONE)

    assert [cell.total for cell in phone.weeks[-2:]] == [1, 0]


@pytest.mark.django_db
def test_the_kind_filter_measures_only_that_kind(team, now):
    clock(team, started=local(2026, 3, 16, 9, 0), hours=1, kind=ClockKind.CASE)
    clock(team, started=local(2026, 3, 16, 9, 0), hours=1, kind=ClockKind.TASK)

    figures = compute(now=now, kind=ClockKind.CASE)

    assert row_for(figures, team, Channel.PHONE).weeks_total.total == 1


@pytest.mark.django_db
def test_open_work_due_today_overdue_waiting_and_warned(team, other_team, now, staff_of):
    clock(team, started=local(2026, 3, 16, 9, 0), due=local(2026, 3, 18, 17, 0))  # today
    clock(team, started=local(2026, 3, 12, 9, 0), due=local(2026, 3, 16, 17, 0))  # overdue
    clock(
        team,
        started=local(2026, 3, 10, 9, 0),
        due=local(2026, 3, 12, 17, 0),
        paused_at=local(2026, 3, 11, 9, 0),
    )  # waiting: never overdue
    clock(
        team,
        started=local(2026, 3, 17, 9, 0),
        due=local(2026, 3, 19, 17, 0),
        warned_at=local(2026, 3, 18, 11, 0),
    )  # past 80%
    clock(team, started=local(2026, 3, 2, 9, 0), hours=200)  # stopped: not open
    clock(other_team, started=local(2026, 3, 12, 9, 0), due=local(2026, 3, 16, 17, 0))

    rows = open_work(team_scope(staff_of(team)), now=now)

    assert [(r.team, r.due_today, r.overdue, r.waiting, r.warned) for r in rows] == [
        ("Openbare ruimte", 1, 1, 1, 1)
    ]


def test_handling_times_read_as_a_person_would_say_them():
    assert human_duration(dt.timedelta(minutes=44, seconds=40)) == "45 min"
    assert human_duration(dt.timedelta(hours=3, minutes=30)) == "3,5 uur"
    assert human_duration(dt.timedelta(days=4, hours=2, minutes=24)) == "4,1 dagen"
    assert human_duration(None) == "–"


# --- the page ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_team_member_sees_the_figures_of_their_own_team(client, team, other_team, now, staff_of):
    clock(team, started=local(2026, 3, 16, 9, 0), hours=1)
    clock(team, started=local(2026, 3, 16, 9, 0), hours=5, due=local(2026, 3, 16, 12, 0))
    clock(other_team, started=local(2026, 3, 16, 9, 0), hours=1)
    client.force_login(staff_of(team))

    response = client.get(URL)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Openbare ruimte: per week" in content
    assert "50%" in content
    assert "3,0 uur" in content  # the median of 1 h and 5 h
    assert "Belastingen" not in content


@pytest.mark.django_db
def test_superuser_and_team_lead_see_every_team(client, team, other_team, now):
    clock(team, started=local(2026, 3, 16, 9, 0), hours=1)
    clock(other_team, started=local(2026, 3, 16, 9, 0), hours=1)
    lead = UserFactory(is_staff=True)
    lead.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_normclock"),
    )

    for user in (UserFactory(is_staff=True, is_superuser=True), lead):
        client.force_login(user)
        content = client.get(URL).content.decode()
        assert "Openbare ruimte: per week" in content
        assert "Belastingen: per week" in content


@pytest.mark.django_db
def test_a_team_filter_narrows_the_page_to_one_team(client, team, other_team, now):
    clock(team, started=local(2026, 3, 16, 9, 0), hours=1)
    clock(other_team, started=local(2026, 3, 16, 9, 0), hours=1)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    content = client.get(URL, {"team": "belastingen"}).content.decode()

    assert "Belastingen: per week" in content
    assert "Openbare ruimte: per week" not in content


@pytest.fixture
def editor():
    """An editor of the website: admin access, no team, so no staff role."""
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.mark.django_db
def test_editor_without_a_staff_role_gets_no_dashboard(client, editor, team, now):
    clock(team, started=local(2026, 3, 16, 9, 0), hours=1)
    client.force_login(editor)

    page = client.get(URL)
    export = client.get(CSV_URL)
    home = client.get("/admin/").content.decode()

    assert page.status_code == 302  # Wagtail's answer to PermissionDenied
    assert export.status_code == 404
    assert URL not in home
    assert "Servicenormen" not in home


@pytest.mark.django_db
def test_staff_find_the_dashboard_in_the_menu_and_a_panel_on_the_home_page(
    client, team, now, staff_of
):
    clock(team, started=local(2026, 3, 12, 9, 0), due=local(2026, 3, 16, 17, 0))
    client.force_login(staff_of(team))

    home = client.get("/admin/").content.decode()

    assert URL in home
    assert 'id="service-norms' in home or "service-norms" in home
    assert "Alle cijfers over de servicenormen" in home


def _page_queries(client, user):
    client.force_login(user)
    client.get(URL)  # the first view fills the cache of the week and month figures
    with CaptureQueriesContext(connection) as cold:
        from contacts.backoffice.dashboard import cache_clear

        cache_clear()
        assert client.get(URL).status_code == 200
    with CaptureQueriesContext(connection) as warm:
        assert client.get(URL).status_code == 200
    return len(cold), len(warm)


# Queries of the whole admin page (session read, user, menu, the page; a page view writes no
# session): fixed, whatever the number of clocks. Cold: the week and month figures computed
# (5 queries) and satisfaction (1), and, as the first view after the login, the session's
# activity stored (3, with the test's savepoint).
PAGE_QUERIES_WARM = 14
PAGE_QUERIES_COLD = PAGE_QUERIES_WARM + 6 + 3


@pytest.mark.django_db
@pytest.mark.parametrize("clocks", [10, 100])
def test_the_dashboard_costs_the_same_queries_for_10_or_100_clocks(
    client, team, other_team, now, staff_of, clocks, django_assert_num_queries
):
    user = staff_of(team)
    user.groups.add(other_team.group)
    for index in range(clocks):
        started = local(2026, 1, 5, 9, 0) + dt.timedelta(days=index % 70, hours=index % 5)
        channel = [Channel.PHONE, Channel.EMAIL, Channel.WEB][index % 3]
        stopped = index % 4 != 0
        clock(
            [team, other_team][index % 2],
            started=started,
            hours=index % 30 + 1 if stopped else None,
            channel=channel,
            paused_at=started if index % 8 == 0 else None,
        )
    client.force_login(user)
    from contacts.backoffice.dashboard import cache_clear

    cache_clear()
    with django_assert_num_queries(PAGE_QUERIES_COLD):
        assert client.get(URL).status_code == 200
    with django_assert_num_queries(PAGE_QUERIES_WARM):
        assert client.get(URL).status_code == 200


# --- CSV ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_csv_export_has_the_same_figures(client, team, other_team, now, staff_of):
    clock(team, started=local(2026, 3, 16, 9, 0), hours=1)
    clock(team, started=local(2026, 3, 16, 9, 0), hours=5, due=local(2026, 3, 16, 12, 0))
    clock(other_team, started=local(2026, 3, 16, 9, 0), hours=1)
    client.force_login(staff_of(team))

    response = client.get(CSV_URL, {"deel": "normen"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Team;Kanaal;Soort;Periode;Begin;Afgehandeld")
    assert "Openbare ruimte;Telefoon;Alles;week;2026-03-16;2;1;50,0;3,0" in lines
    assert "Openbare ruimte;Telefoon;Alles;8 weken;2026-01-26;2;1;50,0;3,0" in lines
    assert "Openbare ruimte;Telefoon;Alles;maand;2026-03-01;2;1;50,0;3,0" in lines
    assert not any(line.startswith("Belastingen") for line in lines)


@pytest.mark.django_db
def test_csv_export_of_open_work(client, team, now, staff_of):
    clock(team, started=local(2026, 3, 12, 9, 0), due=local(2026, 3, 16, 17, 0))
    client.force_login(staff_of(team))

    lines = client.get(CSV_URL, {"deel": "open"}).content.decode("utf-8-sig").splitlines()

    assert lines == [
        "Team;Vandaag uiterlijk;Te laat;Wacht op inwoner;Meer dan 80% van de tijd",
        "Openbare ruimte;0;1;0;0",
    ]


@pytest.mark.django_db
def test_csv_export_refuses_an_unknown_part(client, team, staff_of):
    client.force_login(staff_of(team))

    assert client.get(CSV_URL, {"deel": "wachtwoorden"}).status_code == 404


# --- satisfaction (from cases, through the registry) ---------------------------------------------


@pytest.mark.django_db
def test_satisfaction_per_team_and_channel(client, team, other_team, now, staff_of):
    from cases.models import SatisfactionResponse
    from tests.cases.factories import CaseFactory, CaseTypeFactory

    case_type = CaseTypeFactory(team=team)
    for score in (4, 5):
        case = CaseFactory(
            case_type=case_type,
            closed=True,
            clock=clock(team, started=local(2026, 3, 2, 9, 0), hours=5, channel=Channel.WEB),
        )
        SatisfactionResponse.objects.create(case=case, score=score, answered_at=now)
    other = CaseFactory(case_type=CaseTypeFactory(team=other_team), closed=True)
    SatisfactionResponse.objects.create(case=other, score=1, answered_at=now)
    client.force_login(staff_of(team))

    content = client.get(URL).content.decode()
    lines = client.get(CSV_URL, {"deel": "tevredenheid"}).content.decode("utf-8-sig")

    assert "4,5" in content
    assert lines.splitlines()[1:] == ["Openbare ruimte;Webformulier;4,5;2"]


# --- unusual volume (unit Nieuws) ----------------------------------------------------------------


def contacts(count, topic, *, hours_ago, team=None):
    ContactMoment.objects.bulk_create(
        ContactMoment(
            channel=Channel.PHONE,
            topic=topic,
            team=team,
            registered_at=NOW - dt.timedelta(hours=hours_ago + index * 0.01),
        )
        for index in range(count)
    )


@pytest.mark.django_db
def test_subjects_with_unusual_volume_in_the_last_24_hours(team):
    contacts(6, "Gladheid", hours_ago=2)  # new: nothing before
    contacts(2, "gladheid ", hours_ago=30)  # same subject, other spelling
    contacts(8, "Afval", hours_ago=3)
    contacts(84, "Afval", hours_ago=48)  # 3 a day before: 8 is not 3 times that
    contacts(4, "Paspoort", hours_ago=1)  # too few

    surges = volume(now=NOW)

    assert [(s.subject, s.recent, s.previous) for s in surges] == [("Gladheid", 6, 2)]


@pytest.mark.django_db
def test_a_team_with_unusual_volume_is_a_subject_too(team):
    for topic in ("Lantaarnpaal", "Stoeptegel", "Boom", "Afval", "Bankje"):
        contacts(1, topic, hours_ago=1, team=team)

    surges = volume(now=NOW)

    assert [(s.kind, s.subject, s.recent) for s in surges] == [("team", "Openbare ruimte", 5)]


@pytest.fixture
def news_staff(staff_of):
    news = TeamFactory(name="Nieuws", slug="nieuws")
    user = staff_of(news)
    user.user_permissions.add(Permission.objects.get(codename="add_alert"))
    return user


@pytest.mark.django_db
def test_unit_nieuws_sees_the_volume_panel_with_a_link_to_make_an_alert(client, news_staff, now):
    contacts(6, "Gladheid", hours_ago=2)
    client.force_login(news_staff)

    home = client.get("/admin/").content.decode()
    page = client.get(URL).content.decode()

    assert "Opvallend veel contact" in home
    assert "Gladheid" in home
    assert "/admin/snippets/cms/alert/add/" in home
    assert "Gladheid" in page


@pytest.mark.django_db
def test_staff_who_cannot_publish_alerts_do_not_get_the_volume_panel(client, team, now, staff_of):
    contacts(6, "Gladheid", hours_ago=2)
    client.force_login(staff_of(team))

    assert "Opvallend veel contact" not in client.get("/admin/").content.decode()

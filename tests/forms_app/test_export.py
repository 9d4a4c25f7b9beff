"""CSV export of a form's submissions (forms_app/reports.py, SubmissionsExportView)."""

import csv
import datetime as dt
import io
import logging

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from contacts.models import AccessLogEntry
from forms_app import reports
from forms_app.models import Submission, Upload
from tests.cases.factories import CaseFactory
from tests.contacts.factories import ResidentFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def answer(key, label, value, type_="text"):
    return {"key": key, "step": "s_1", "type": type_, "label": label, "value": value}


def make_submission(page, answers, *, team=None, created_at=None):
    case = CaseFactory(case_type=page.case_type, team=team or page.case_type.team)
    submission = Submission.objects.create(
        form_page=page, form_title=page.title, case=case, answers=answers
    )
    if created_at:
        Submission.objects.filter(pk=submission.pk).update(created_at=created_at)
    return submission


@pytest.fixture
def exporter(staff_of):
    def make(team):
        user = staff_of(team)
        user.user_permissions.add(Permission.objects.get(codename="view_submission"))
        return user

    return make


def export_url(page):
    return reverse("forms_app_admin:export", args=[page.pk])


def download(client, page):
    response = client.get(export_url(page))
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8")
    return response, body


def parse(body):
    return list(csv.reader(io.StringIO(body.removeprefix("\ufeff")), delimiter=";"))


def test_export_is_streamed_utf8_csv_with_a_bom(client, form_page, exporter):
    make_submission(form_page, [answer("v_1", "Omschrijving", "Één lamp is kapot")])
    client.force_login(exporter(form_page.case_type.team))

    response, body = download(client, form_page)

    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="inzendingen-')
    assert "no-store" in response["Cache-Control"]
    assert body.startswith("\ufeff")
    assert "Één lamp is kapot" in body


def test_columns_are_reference_date_status_then_the_latest_labels(client, form_page, exporter):
    old = timezone.now() - dt.timedelta(days=3)
    first = make_submission(
        form_page,
        [answer("v_loc", "Locatie", "Markt 1"), answer("v_oud", "Vraag die weg is", "ja")],
        created_at=old,
    )
    second = make_submission(form_page, [answer("v_loc", "Waar is het?", "Kerkstraat 2")])
    client.force_login(exporter(form_page.case_type.team))

    rows = parse(download(client, form_page)[1])

    assert rows[0] == ["Kenmerk", "Ontvangen op", "Status", "Waar is het?", "Vraag die weg is"]
    assert rows[1][:4] == [
        first.case.reference,
        timezone.localtime(old).strftime("%Y-%m-%d %H:%M"),
        "Ontvangen",
        "Markt 1",
    ]
    assert rows[1][4] == "ja"
    assert rows[2][0] == second.case.reference
    assert rows[2][3:] == ["Kerkstraat 2", ""]


def test_questions_of_the_current_form_come_first_in_its_order(client, form_page, exporter):
    definition_keys = list(form_page.definition.fields)
    make_submission(
        form_page,
        [
            answer("v_weg", "Verwijderd", "x"),
            answer(definition_keys[1], "Omschrijving", "Kapot"),
            answer(definition_keys[0], "Soort melding", "Zwerfafval", "radio"),
        ],
    )
    client.force_login(exporter(form_page.case_type.team))

    header = parse(download(client, form_page)[1])[0]

    assert header[3:] == ["Soort melding", "Omschrijving", "Verwijderd"]


def test_formulas_and_html_come_out_as_text(client, form_page, exporter):
    make_submission(
        form_page,
        [
            answer("v_1", "=Label", '=HYPERLINK("https://evil.example","Klik")'),
            answer("v_2", "Omschrijving", "<script>alert(1)</script>"),
            answer("v_3", "Plus", "+31 6 12345678"),
            answer("v_4", "Min", "-2+3"),
            answer("v_5", "At", "@SUM(A1)"),
            answer("v_6", "Tab", "\t=1+1"),
            answer("v_7", "Enter", "\r=1+1"),
        ],
    )
    client.force_login(exporter(form_page.case_type.team))

    rows = parse(download(client, form_page)[1])

    assert rows[0][3] == "'=Label"
    assert rows[1][3:] == [
        '\'=HYPERLINK("https://evil.example","Klik")',
        "<script>alert(1)</script>",
        "'+31 6 12345678",
        "'-2+3",
        "'@SUM(A1)",
        "'\t=1+1",
        "'\r=1+1",
    ]


def test_file_answers_show_the_file_names(client, form_page, exporter):
    submission = make_submission(form_page, [])
    upload = Upload.objects.create(
        file="uploads/ab/abc",
        original_name="foto.jpg",
        content_type="image/jpeg",
        size=10,
        sha256="0" * 64,
        scan_status="clean",
        field_key="v_foto",
        owner_token_hash="x",
        submission=submission,
    )
    submission.answers = [answer("v_foto", "Foto", [str(upload.uuid)], "file")]
    submission.save()
    client.force_login(exporter(form_page.case_type.team))

    rows = parse(download(client, form_page)[1])

    assert rows[1][3] == "foto.jpg"


def test_staff_get_only_the_submissions_of_their_own_team(client, form_page, exporter):
    other_team = TeamFactory()
    own = make_submission(form_page, [answer("v_1", "Omschrijving", "Eigen team")])
    make_submission(form_page, [answer("v_1", "Omschrijving", "Ander team")], team=other_team)
    client.force_login(exporter(form_page.case_type.team))

    body = download(client, form_page)[1]

    assert [row[0] for row in parse(body)[1:]] == [own.case.reference]
    assert "Ander team" not in body


def test_each_resident_in_an_export_sees_it_in_the_access_log(client, form_page, exporter):
    anna, bram = ResidentFactory(), ResidentFactory()
    for resident in (anna, anna, bram):
        submission = make_submission(form_page, [answer("v_1", "Omschrijving", "Tekst")])
        Submission.objects.filter(pk=submission.pk).update(resident=resident)
    make_submission(form_page, [answer("v_1", "Omschrijving", "Zonder inwoner")])
    other = make_submission(form_page, [answer("v_1", "Omschrijving", "X")], team=TeamFactory())
    Submission.objects.filter(pk=other.pk).update(resident=ResidentFactory())
    user = exporter(form_page.case_type.team)
    client.force_login(user)

    download(client, form_page)

    entries = AccessLogEntry.objects.filter(user=user)
    # One per resident in the export; not for the one whose case is another team's.
    assert sorted(entries.values_list("resident_id", flat=True)) == sorted([anna.pk, bram.pk])
    assert {entry.what for entry in entries} == {
        f"Uw antwoorden op ‘{form_page.title}’, in een export"
    }


def test_staff_of_another_team_get_no_rows(client, form_page, exporter):
    make_submission(form_page, [answer("v_1", "Omschrijving", "Geheim")])
    client.force_login(exporter(TeamFactory()))

    body = download(client, form_page)[1]

    assert parse(body) == [["Kenmerk", "Ontvangen op", "Status"]]
    assert "Geheim" not in body


def test_staff_without_the_permission_get_404(client, form_page, staff_of):
    make_submission(form_page, [answer("v_1", "Omschrijving", "Geheim")])
    client.force_login(staff_of(form_page.case_type.team))

    assert client.get(export_url(form_page)).status_code == 404


def test_editor_without_the_permission_gets_404(client, form_page):
    from wagtail.models import GroupPagePermission, Page

    from tests.contacts.factories import GroupFactory

    group = GroupFactory(name="Redactie")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group, page=Page.get_first_root_node(), permission_type="change"
    )
    editor = UserFactory(is_staff=True)
    editor.groups.add(group)
    make_submission(form_page, [answer("v_1", "Omschrijving", "Geheim")])
    client.force_login(editor)

    assert client.get(export_url(form_page)).status_code == 404


def test_superuser_exports_everything(client, form_page):
    make_submission(form_page, [answer("v_1", "Omschrijving", "A")])
    make_submission(form_page, [answer("v_1", "Omschrijving", "B")], team=TeamFactory())
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    assert len(parse(download(client, form_page)[1])) == 3


def test_visitor_is_sent_to_the_admin_login(client, form_page):
    response = client.get(export_url(form_page))

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_export_is_logged_without_personal_data(client, form_page, exporter, caplog):
    submission = make_submission(form_page, [answer("v_1", "Omschrijving", "Geheim")])
    user = exporter(form_page.case_type.team)
    client.force_login(user)

    with caplog.at_level(logging.INFO, logger="forms_app.admin_views"):
        download(client, form_page)

    [record] = [r for r in caplog.records if r.name == "forms_app.admin_views"]
    message = record.getMessage()
    assert f"user {user.pk}" in message
    assert f"form page {form_page.pk}" in message
    assert submission.case.reference not in message
    assert "Geheim" not in message


@pytest.mark.parametrize("count", [2, 25])
def test_queries_do_not_grow_with_the_number_of_submissions(form_page, count):
    for index in range(count):
        make_submission(form_page, [answer("v_1", "Omschrijving", f"Melding {index}")])
    user = UserFactory(is_staff=True, is_superuser=True)
    submissions = reports.submissions_for_export(page=form_page, user=user)

    with CaptureQueriesContext(connection) as queries:
        rows = list(reports.export_rows(page=form_page, submissions=submissions))

    assert len(rows) == count + 1
    # The columns, the rows with their case and status, and the uploads of the rows.
    assert len(queries) == 3

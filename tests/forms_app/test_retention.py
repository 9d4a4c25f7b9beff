"""Retention of forms (forms_app/services/retention.py), with the clock moved by time-machine."""

import datetime as dt
import hashlib
import io

import pytest
import time_machine
from django.core import mail
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from cases.models import Case
from forms_app import uploads
from forms_app.models import Draft, Submission, Upload
from forms_app.services.retention import retention_purge_answers, retention_run
from tests.cases.factories import CaseFactory
from tests.contacts.factories import ResidentFactory
from tests.forms_app.factories import FormPageFactory

pytestmark = pytest.mark.django_db

OWNER = hashlib.sha256(b"wizard-token").hexdigest()
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
CLOSED = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path, monkeypatch):
    location = tmp_path / "private"
    monkeypatch.setattr(
        Upload._meta.get_field("file"),
        "storage",
        FileSystemStorage(location=location, base_url=None),
    )
    settings.FORMS_VIRUS_SCANNER = "forms_app.scanning.NoScanner"
    return location


def stored_files(location):
    return [path for path in location.rglob("*") if path.is_file()] if location.exists() else []


def store_upload(*, owner=OWNER, name="brief.pdf"):
    return uploads.upload_store(
        file=SimpleUploadedFile(name, PDF),
        page=None,
        field_key="v_bijlage",
        allowed=["pdf"],
        max_bytes=uploads.MB,
        resident=None,
        owner_token_hash=owner,
    )


def make_submission(page, *, closed_at=CLOSED, opened_at=None):
    case = CaseFactory(
        case_type=page.case_type,
        opened_at=opened_at or closed_at - dt.timedelta(days=10),
        closed_at=closed_at,
    )
    upload = store_upload(owner=hashlib.sha256(case.reference.encode()).hexdigest())
    submission = Submission.objects.create(
        form_page=page,
        form_title=page.title,
        case=case,
        resident=case.resident,
        answers=[
            {"key": "v_1", "step": "s_1", "type": "text", "label": "Locatie", "value": "Markt 1"},
            {
                "key": "v_2",
                "step": "s_1",
                "type": "file",
                "label": "Foto",
                "value": [str(upload.uuid)],
            },
        ],
    )
    Upload.objects.filter(pk=upload.pk).update(submission=submission)
    return submission


@pytest.fixture
def page(home):
    return FormPageFactory(parent=home, retention_days=365)


def at(moment):
    return time_machine.travel(moment, tick=False)


# --- answers and uploads ----------------------------------------------------------------


def test_closed_case_past_its_period_loses_answers_and_uploads_but_keeps_the_case(
    page, private_storage, django_capture_on_commit_callbacks
):
    submission = make_submission(page)
    case = submission.case
    before = Case.objects.values("reference", "case_type", "opened_at", "closed_at", "due_on").get()

    with at(CLOSED + dt.timedelta(days=365)), django_capture_on_commit_callbacks(execute=True):
        result = retention_run()

    assert result["answers_purged"] == 1
    submission.refresh_from_db()
    assert submission.answers == []
    assert submission.answers_deleted_at == CLOSED + dt.timedelta(days=365)
    assert not Upload.objects.exists()
    assert stored_files(private_storage) == []
    after = Case.objects.values("reference", "case_type", "opened_at", "closed_at", "due_on").get()
    assert after == before
    assert Submission.objects.get().case == case
    # A title made from the answers (an address) goes with them.
    assert Case.objects.get().title == submission.form_title


def test_one_day_before_the_end_of_the_period_nothing_changes(page, private_storage):
    submission = make_submission(page)

    with at(CLOSED + dt.timedelta(days=364)):
        result = retention_run()

    assert result["answers_purged"] == 0
    submission.refresh_from_db()
    assert len(submission.answers) == 2
    assert submission.answers_deleted_at is None
    assert Upload.objects.filter(submission=submission).count() == 1
    assert len(stored_files(private_storage)) == 1


def test_open_case_keeps_everything_however_old(page, private_storage):
    submission = make_submission(
        page, closed_at=None, opened_at=CLOSED - dt.timedelta(days=5 * 365)
    )

    with at(CLOSED + dt.timedelta(days=10 * 365)):
        assert retention_run()["answers_purged"] == 0

    submission.refresh_from_db()
    assert len(submission.answers) == 2
    assert Upload.objects.filter(submission=submission).exists()
    assert len(stored_files(private_storage)) == 1


def test_each_form_has_its_own_period(home, page):
    short = FormPageFactory(parent=home, title="Kort", slug="kort", retention_days=30)
    long_kept = make_submission(page)
    short_gone = make_submission(short)

    with at(CLOSED + dt.timedelta(days=31)):
        assert retention_purge_answers() == 1

    short_gone.refresh_from_db()
    long_kept.refresh_from_db()
    assert short_gone.answers == []
    assert len(long_kept.answers) == 2


def test_submission_of_a_deleted_form_uses_the_default_period(page):
    submission = make_submission(page)
    Submission.objects.filter(pk=submission.pk).update(form_page=None)

    with at(CLOSED + dt.timedelta(days=364)):
        assert retention_purge_answers() == 0
    with at(CLOSED + dt.timedelta(days=365)):
        assert retention_purge_answers() == 1


def test_retention_run_is_idempotent(page, django_capture_on_commit_callbacks):
    submission = make_submission(page)
    moment = CLOSED + dt.timedelta(days=400)

    with at(moment), django_capture_on_commit_callbacks(execute=True):
        first = retention_run()
    with at(moment + dt.timedelta(days=1)), django_capture_on_commit_callbacks(execute=True):
        second = retention_run()

    assert first["answers_purged"] == 1
    assert second == {
        "answers_purged": 0,
        "drafts_expired": 0,
        "reminders_sent": 0,
        "orphan_uploads_deleted": 0,
    }
    submission.refresh_from_db()
    assert submission.answers_deleted_at == moment


# --- drafts and unsent uploads ----------------------------------------------------------


def make_draft(page, *, expires_at, resident=None):
    resident = resident or ResidentFactory(email="anna@example.nl")
    return Draft.objects.create(
        form_page=page,
        resident=resident,
        data={},
        current_step="s_1",
        updated_at=expires_at - dt.timedelta(days=30),
        expires_at=expires_at,
    )


def test_expired_drafts_are_deleted(page):
    now = timezone.now()
    expired = make_draft(page, expires_at=now - dt.timedelta(minutes=1))
    active = make_draft(page, expires_at=now + dt.timedelta(days=20))

    result = retention_run(now=now)

    assert result["drafts_expired"] == 1
    assert list(Draft.objects.all()) == [active]
    assert not Draft.objects.filter(pk=expired.pk).exists()


def test_draft_three_days_before_expiry_gets_one_reminder(
    page, settings, django_capture_on_commit_callbacks
):
    settings.FORMS_DRAFT_REMINDER_DAYS = 3
    start = dt.datetime(2026, 5, 1, 9, 0, tzinfo=dt.UTC)
    make_draft(page, expires_at=start + dt.timedelta(days=3))
    make_draft(page, expires_at=start + dt.timedelta(days=10))

    with at(start), django_capture_on_commit_callbacks(execute=True):
        retention_run()
    with at(start + dt.timedelta(hours=1)), django_capture_on_commit_callbacks(execute=True):
        retention_run()

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.nl"]
    assert page.title in mail.outbox[0].subject


def test_unsent_uploads_older_than_seven_days_are_deleted(
    private_storage, django_capture_on_commit_callbacks
):
    old = store_upload(name="oud.pdf")
    recent = store_upload(name="nieuw.pdf")
    Upload.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=8))
    Upload.objects.filter(pk=recent.pk).update(created_at=timezone.now() - dt.timedelta(days=6))

    with django_capture_on_commit_callbacks(execute=True):
        result = retention_run()

    assert result["orphan_uploads_deleted"] == 1
    assert list(Upload.objects.all()) == [recent]
    assert len(stored_files(private_storage)) == 1


# --- the command ------------------------------------------------------------------------


def test_command_runs_the_retention_and_prints_the_counts(page):
    make_submission(page)
    out = io.StringIO()

    with at(CLOSED + dt.timedelta(days=365)):
        call_command("forms_retention", stdout=out)

    assert "Inzendingen waarvan de antwoorden zijn verwijderd: 1" in out.getvalue()
    assert "Verlopen concepten verwijderd: 0" in out.getvalue()
    assert Submission.objects.get().answers == []

"""Uploads: the services (forms_app/uploads.py), the field type and the download view."""

import datetime as dt
import hashlib
import io
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from django import forms
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from PIL import Image

from contacts.models import AccessLogEntry
from forms_app import field_types, uploads
from forms_app.constants import ScanStatus
from forms_app.models import Submission, Upload
from forms_app.uploads import UploadRefused
from tests.cases.factories import CaseFactory
from tests.contacts.factories import ResidentFactory, TeamFactory
from tests.forms_app.conftest import log_in
from tests.forms_app.fake_clamd import EICAR, FakeClamd

pytestmark = pytest.mark.django_db

OWNER = hashlib.sha256(b"wizard-token").hexdigest()
OTHER_OWNER = hashlib.sha256(b"someone-else").hexdigest()


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path, monkeypatch):
    location = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(location), "base_url": None},
        },
    }
    # The model field resolved its storage when the model was loaded; point it here too.
    field = Upload._meta.get_field("file")
    monkeypatch.setattr(field, "storage", FileSystemStorage(location=location, base_url=None))
    settings.FORMS_VIRUS_SCANNER = "forms_app.scanning.NoScanner"
    # Widget templates live in the project's templates/ directory.
    settings.FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
    return location


def stored_files(location: Path) -> list[Path]:
    return [path for path in location.rglob("*") if path.is_file()] if location.exists() else []


# --- files to upload --------------------------------------------------------------------


def image_bytes(kind: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), "red").save(buffer, kind)
    return buffer.getvalue()


PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            compression = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=compression)
    return buffer.getvalue()


DOCX = zip_bytes(
    {"[Content_Types].xml": b"<Types/>", "_rels/.rels": b"<r/>", "word/document.xml": b"<w/>"}
)
XLSX = zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<x/>"})
ODT = zip_bytes(
    {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office/>"}
)


def upload_file(name: str, data: bytes, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def store(file, *, allowed=("pdf", "jpg", "png"), max_mb=10, owner=OWNER, resident=None):
    return uploads.upload_store(
        file=file,
        page=None,
        field_key="bijlagen",
        allowed=list(allowed),
        max_bytes=max_mb * uploads.MB,
        resident=resident,
        owner_token_hash=owner,
    )


# --- upload_store -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("brief.pdf", PDF, "application/pdf"),
        ("foto.png", image_bytes("PNG"), "image/png"),
        ("foto.jpg", image_bytes("JPEG"), "image/jpeg"),
    ],
)
def test_real_pdf_png_and_jpeg_are_stored(name, data, content_type):
    upload = store(upload_file(name, data))

    assert upload.original_name == name
    assert upload.content_type == content_type
    assert upload.size == len(data)
    assert upload.sha256 == hashlib.sha256(data).hexdigest()
    assert upload.scan_status == ScanStatus.NOT_SCANNED
    assert upload.owner_token_hash == OWNER
    with upload.file.open("rb") as stored:
        assert stored.read() == data


@pytest.mark.parametrize(
    ("slug", "name", "data"),
    [("docx", "brief.docx", DOCX), ("xlsx", "lijst.xlsx", XLSX), ("odt", "brief.odt", ODT)],
    # Named by type: the zips carry the time they were made, which differs between the
    # processes that collect the tests (pytest-xdist refuses different names).
    ids=["docx", "xlsx", "odt"],
)
def test_office_documents_are_recognised_by_their_zip_structure(slug, name, data):
    upload = store(upload_file(name, data), allowed=[slug])

    assert upload.content_type == uploads.FILE_TYPES[slug].content_type


def test_heic_photo_is_stored_when_allowed():
    assert store(upload_file("IMG_0001.HEIC", HEIC), allowed=["heic"]).content_type == "image/heic"


def test_file_is_stored_outside_media_root_under_a_generated_name(settings, private_storage):
    upload = store(upload_file("Jan Jansen paspoort.pdf", PDF))

    [path] = stored_files(private_storage)
    assert path.name == upload.uuid.hex
    assert "Jansen" not in upload.file.name
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT))
    assert not stored_files(Path(settings.MEDIA_ROOT))


def test_too_large_file_is_refused_and_nothing_is_stored(private_storage):
    with pytest.raises(UploadRefused) as refused:
        store(upload_file("scan.pdf", PDF + b"0" * uploads.MB), max_mb=1)

    assert refused.value.code == "too_large"
    assert "‘scan.pdf’ is groter dan 1 MB" in refused.value.messages[0]
    assert not Upload.objects.exists()
    assert not stored_files(private_storage)


def test_png_that_is_not_a_png_is_refused():
    with pytest.raises(UploadRefused) as refused:
        store(upload_file("foto.png", b"GIF89a" + b"\x00" * 100, "image/png"))

    assert refused.value.code == "wrong_type"
    assert "‘foto.png’ is geen PNG-bestand" in refused.value.messages[0]
    assert "Kies een PDF-, JPG- of PNG-bestand" in refused.value.messages[0]


def test_html_named_pdf_is_refused():
    html = b"<!DOCTYPE html><html><script>alert(1)</script></html>"

    with pytest.raises(UploadRefused) as refused:
        store(upload_file("factuur.pdf", html, "application/pdf"))

    assert "‘factuur.pdf’ is geen PDF-bestand" in refused.value.messages[0]
    assert not Upload.objects.exists()


@pytest.mark.parametrize(
    ("name", "stored_as"),
    [
        ("verklaring.html", "verklaring.pdf"),
        ("verklaring.HTM", "verklaring.pdf"),
        ("verklaring", "verklaring.pdf"),
        ("scan.PDF", "scan.PDF"),
    ],
)
def test_a_file_is_kept_under_a_name_of_its_content_type(name, stored_as):
    # A PDF that is also an HTML page, called .html: opened by its name after the download,
    # its script would run. It is the PDF its content says it is, so it is called that.
    polyglot = PDF + b"<html><script>document.write('ran')</script></html>"

    upload = store(upload_file(name, polyglot))

    assert upload.original_name == stored_as
    assert upload.content_type == "application/pdf"


def test_allowed_type_is_decided_by_the_editors_choice():
    with pytest.raises(UploadRefused) as refused:
        store(upload_file("brief.docx", DOCX), allowed=["pdf"])

    assert refused.value.messages == ["‘brief.docx’ is geen PDF-bestand."]


def test_zip_that_is_no_office_document_is_refused():
    fake = zip_bytes({"[Content_Types].xml": b"<Types/>", "payload.exe": b"MZ"})

    with pytest.raises(UploadRefused, match="geen Word-bestand"):
        store(upload_file("brief.docx", fake), allowed=["docx"])


def test_empty_file_is_refused():
    with pytest.raises(UploadRefused, match="‘leeg.pdf’ is leeg"):
        store(upload_file("leeg.pdf", b""))


def test_total_of_one_submission_is_limited(settings, private_storage):
    settings.FORMS_UPLOAD_MAX_TOTAL_MB = 1
    half = PDF + b"0" * (uploads.MB // 2)
    store(upload_file("eerste.pdf", half))
    store(upload_file("ander-formulier.pdf", half), owner=OTHER_OWNER)

    with pytest.raises(UploadRefused) as refused:
        store(upload_file("tweede.pdf", half))

    assert refused.value.code == "total_too_large"
    assert "groter dan 1 MB" in refused.value.messages[0]
    assert Upload.objects.filter(owner_token_hash=OWNER).count() == 1
    assert len(stored_files(private_storage)) == 2


def test_scanner_down_refuses_with_a_clear_message_and_stores_nothing(settings, private_storage):
    with FakeClamd(mode="close") as server:
        settings.FORMS_VIRUS_SCANNER = "forms_app.scanning.ClamdScanner"
        settings.CLAMD_HOST, settings.CLAMD_PORT, settings.CLAMD_TIMEOUT = (
            "127.0.0.1",
            server.port,
            1,
        )

        with pytest.raises(UploadRefused) as refused:
            store(upload_file("brief.pdf", PDF))

    assert refused.value.messages == [
        "Het bestand kon niet op virussen worden gecontroleerd. "
        "Probeer het later opnieuw; er is niets opgeslagen."
    ]
    assert not Upload.objects.exists()
    assert not stored_files(private_storage)


def test_infected_file_is_refused_and_nothing_is_stored(settings, private_storage):
    with FakeClamd() as server:
        settings.FORMS_VIRUS_SCANNER = "forms_app.scanning.ClamdScanner"
        settings.CLAMD_HOST, settings.CLAMD_PORT = "127.0.0.1", server.port

        with pytest.raises(UploadRefused) as refused:
            store(upload_file("brief.pdf", PDF + EICAR))

    assert refused.value.messages == [
        "In ‘brief.pdf’ is een virus gevonden. Het bestand is niet opgeslagen."
    ]
    assert not Upload.objects.exists()
    assert not stored_files(private_storage)


def test_scanned_clean_file_is_marked_clean(settings):
    with FakeClamd() as server:
        settings.FORMS_VIRUS_SCANNER = "forms_app.scanning.ClamdScanner"
        settings.CLAMD_HOST, settings.CLAMD_PORT = "127.0.0.1", server.port

        upload = store(upload_file("brief.pdf", PDF))

    assert upload.scan_status == ScanStatus.CLEAN


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("C:\\Users\\jan\\Bureaublad\\brief.pdf", "brief.pdf"),
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("brief\r\n\x00.pdf", "brief.pdf"),
        ("foto\u202egpj.exe", "fotogpj.exe"),
        ("", "bestand"),
        ("a" * 300 + ".pdf", "a" * 251 + ".pdf"),
    ],
)
def test_original_name_is_a_clean_base_name(name, expected):
    assert uploads.clean_filename(name) == expected


# --- attach and delete ------------------------------------------------------------------


def make_submission(resident=None, **case_kwargs):
    case = CaseFactory(resident=resident, **case_kwargs)
    return Submission.objects.create(
        form_title="Melding doen", case=case, resident=resident, answers=[]
    )


def test_attach_links_only_the_wizards_own_uploads():
    own = store(upload_file("eigen.pdf", PDF))
    other = store(upload_file("ander.pdf", PDF), owner=OTHER_OWNER)
    submission = make_submission()

    linked = uploads.uploads_attach(
        owner_token_hash=OWNER,
        uuids=[own.uuid, str(other.uuid), "geen-uuid"],
        submission=submission,
    )

    assert linked == 1
    assert list(submission.uploads.all()) == [own]


def test_delete_removes_the_stored_file(private_storage, django_capture_on_commit_callbacks):
    upload = store(upload_file("brief.pdf", PDF))

    with django_capture_on_commit_callbacks(execute=True):
        uploads.upload_delete(upload=upload)

    assert not Upload.objects.exists()
    assert not stored_files(private_storage)


def test_orphans_are_deleted_after_the_retention_time(
    private_storage, django_capture_on_commit_callbacks
):
    old = store(upload_file("oud.pdf", PDF))
    Upload.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=40))
    recent = store(upload_file("nieuw.pdf", PDF))
    sent = store(upload_file("verzonden.pdf", PDF), owner=OTHER_OWNER)
    Upload.objects.filter(pk=sent.pk).update(
        submission=make_submission(), created_at=timezone.now() - dt.timedelta(days=40)
    )

    with django_capture_on_commit_callbacks(execute=True):
        deleted = uploads.uploads_delete_orphans(older_than=timezone.now() - dt.timedelta(days=30))

    assert deleted == 1
    assert set(Upload.objects.all()) == {recent, sent}
    assert len(stored_files(private_storage)) == 2


def test_deleting_a_draft_owner_deletes_only_its_unsent_uploads():
    store(upload_file("concept.pdf", PDF))
    other = store(upload_file("ander.pdf", PDF), owner=OTHER_OWNER)

    assert uploads.uploads_delete_for_owner(owner_token_hash=OWNER) == 1
    assert list(Upload.objects.all()) == [other]


# --- the field type ---------------------------------------------------------------------

CONFIG = {
    "label": "Foto's van de schade",
    "required": True,
    "allowed_types": ["pdf", "jpg", "png"],
    "max_size_mb": 10,
    "max_files": 3,
}
FILE_TYPE = field_types.get("file")


def step_form(data=None, files=None, *, config=CONFIG, owner=OWNER, initial=None):
    field = FILE_TYPE.form_field(config)
    FILE_TYPE.bind(
        field,
        SimpleNamespace(page=None, resident=None, owner_token_hash=owner, field_key="bijlagen"),
    )
    form = forms.Form(data=data, files=files, initial=initial)
    form.fields["bijlagen"] = field
    return form


def post(kept=(), removed=(), new=()):
    data = QueryDict(mutable=True)
    data.setlist("bijlagen", [str(value) for value in kept])
    data.setlist("bijlagen-verwijderen", [str(value) for value in removed])
    return data, MultiValueDict({"bijlagen": list(new)})


def test_field_stores_new_files_and_returns_their_uuids():
    form = step_form(*post(new=[upload_file("foto.png", image_bytes("PNG"))]))

    assert form.is_valid(), form.errors
    [upload] = Upload.objects.all()
    assert form.cleaned_data["bijlagen"] == [str(upload.uuid)]
    assert upload.field_key == "bijlagen"
    assert FILE_TYPE.to_json(form.cleaned_data["bijlagen"], CONFIG) == [str(upload.uuid)]


def test_field_keeps_earlier_uploads_and_adds_new_ones():
    earlier = store(upload_file("eerste.pdf", PDF))

    form = step_form(*post(kept=[earlier.uuid], new=[upload_file("tweede.pdf", PDF)]))

    assert form.is_valid(), form.errors
    assert form.cleaned_data["bijlagen"][0] == str(earlier.uuid)
    assert len(form.cleaned_data["bijlagen"]) == 2


def test_one_refused_file_stores_none_of_the_posted_files(private_storage):
    files = [upload_file("goed.pdf", PDF), upload_file("foto.png", b"geen plaatje")]

    form = step_form(*post(new=files))

    assert not form.is_valid()
    assert "‘foto.png’ is geen PNG-bestand" in form.errors["bijlagen"][0]
    assert not Upload.objects.exists()
    assert not stored_files(private_storage)


def test_too_many_files_are_refused():
    files = [upload_file(f"foto{number}.pdf", PDF) for number in range(4)]

    form = step_form(*post(new=files))

    assert form.errors["bijlagen"] == ["U kunt maximaal 3 bestanden toevoegen."]
    assert not Upload.objects.exists()


def test_someone_elses_upload_is_silently_ignored():
    theirs = store(upload_file("van-een-ander.pdf", PDF), owner=OTHER_OWNER)
    sent = store(upload_file("al-verzonden.pdf", PDF))
    Upload.objects.filter(pk=sent.pk).update(submission=make_submission())

    form = step_form(
        *post(kept=[theirs.uuid, sent.uuid, "onzin"]), config={**CONFIG, "required": False}
    )

    assert form.is_valid(), form.errors
    assert form.cleaned_data["bijlagen"] == []
    assert "van-een-ander.pdf" not in str(form["bijlagen"])


def test_ticked_upload_is_removed(private_storage, django_capture_on_commit_callbacks):
    keep = store(upload_file("houden.pdf", PDF))
    remove = store(upload_file("weg.pdf", PDF))

    with django_capture_on_commit_callbacks(execute=True):
        form = step_form(*post(kept=[keep.uuid, remove.uuid], removed=[remove.uuid]))
        assert form.is_valid(), form.errors

    assert form.cleaned_data["bijlagen"] == [str(keep.uuid)]
    assert list(Upload.objects.all()) == [keep]
    assert len(stored_files(private_storage)) == 1


def test_removal_does_not_happen_when_a_new_file_is_refused():
    remove = store(upload_file("weg.pdf", PDF))

    form = step_form(
        *post(kept=[remove.uuid], removed=[remove.uuid], new=[upload_file("x.pdf", b"<html>")])
    )

    assert not form.is_valid()
    assert list(Upload.objects.all()) == [remove]


def test_with_room_for_one_file_a_new_file_replaces_the_old_one():
    old = store(upload_file("oud.pdf", PDF))

    form = step_form(
        *post(kept=[old.uuid], new=[upload_file("nieuw.pdf", PDF)]),
        config={**CONFIG, "max_files": 1},
    )

    assert form.is_valid(), form.errors
    assert [upload.original_name for upload in Upload.objects.all()] == ["nieuw.pdf"]


def test_required_field_needs_a_file():
    form = step_form(*post())

    assert form.errors["bijlagen"] == ["Voeg een bestand toe bij foto's van de schade"]


def test_cleaning_twice_in_one_request_stores_once():
    form = step_form(*post(new=[upload_file("foto.pdf", PDF)]))
    field = form.fields["bijlagen"]
    raw = field.widget.value_from_datadict(form.data, form.files, "bijlagen")

    assert field.clean(raw) == field.clean(raw)
    assert Upload.objects.count() == 1


def test_widget_lists_own_uploads_with_a_remove_checkbox():
    own = store(upload_file("mijn-foto.png", image_bytes("PNG")))
    theirs = store(upload_file("van-een-ander.png", image_bytes("PNG")), owner=OTHER_OWNER)

    form = step_form(initial={"bijlagen": [str(own.uuid), str(theirs.uuid)]})
    html = str(form["bijlagen"])

    assert "mijn-foto.png" in html
    assert "van-een-ander.png" not in html
    assert f'<input type="hidden" name="bijlagen" value="{own.uuid}">' in html
    assert f'name="bijlagen-verwijderen" value="{own.uuid}"' in html
    assert str(theirs.uuid) not in html
    assert 'type="file" name="bijlagen"' in html
    assert 'accept=".pdf,application/pdf,.jpg,.jpeg,image/jpeg,.png,image/png"' in html
    assert " multiple" in html
    assert "Maximaal 10 MB per bestand" in html


def test_single_file_input_is_not_multiple():
    html = str(step_form(config={**CONFIG, "max_files": 1})["bijlagen"])

    assert " multiple" not in html


def test_refused_upload_shows_the_files_as_they_were():
    own = store(upload_file("mijn-brief.pdf", PDF))

    form = step_form(
        *post(kept=[own.uuid], removed=[own.uuid], new=[upload_file("x.pdf", b"<html>")])
    )
    form.is_valid()

    assert "mijn-brief.pdf" in str(form["bijlagen"])


def test_display_and_export_show_file_names():
    first = store(upload_file("brief.pdf", PDF))
    second = store(upload_file("foto.png", image_bytes("PNG")))
    value = [str(first.uuid), str(second.uuid)]

    assert FILE_TYPE.display(value, CONFIG) == "brief.pdf, foto.png"
    assert FILE_TYPE.export(value, CONFIG) == "brief.pdf, foto.png"
    first.original_name = "uit-de-lijst.pdf"
    assert (
        FILE_TYPE.display(value, {**CONFIG, "_uploads": {first.uuid: first}})
        == "uit-de-lijst.pdf, foto.png"
    )
    assert FILE_TYPE.display([], CONFIG) == ""


def test_editor_must_choose_a_file_type():
    assert FILE_TYPE.config_errors({**CONFIG, "allowed_types": []}) == [
        "Kies bij ‘Foto's van de schade’ minstens één bestandstype."
    ]
    assert FILE_TYPE.config_errors(CONFIG) == []


# --- downloading ------------------------------------------------------------------------


@pytest.fixture
def sent_upload():
    resident = ResidentFactory()
    submission = make_submission(resident=resident)
    upload = store(upload_file("Brief aan de gemeente.pdf", PDF), resident=resident)
    upload.submission = submission
    upload.save()
    return upload


def download_url(upload):
    return reverse("forms-upload-download", kwargs={"uuid": upload.uuid})


def test_resident_downloads_their_own_upload(client, sent_upload):
    log_in(client, sent_upload.resident)

    response = client.get(download_url(sent_upload))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Brief aan de gemeente.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert not AccessLogEntry.objects.exists()


def test_a_download_is_named_for_its_content_type_whatever_was_stored(client, sent_upload):
    # Stored before names followed the content: the download still gets the type's extension.
    Upload.objects.filter(pk=sent_upload.pk).update(original_name="verklaring.html")
    log_in(client, sent_upload.resident)

    response = client.get(download_url(sent_upload))

    assert response["Content-Disposition"] == 'attachment; filename="verklaring.pdf"'


def test_the_owners_password_session_gets_404(client, sent_upload):
    # Only a session the identity provider opened is a resident's login (as on /mijn/).
    client.force_login(sent_upload.resident.user)

    assert client.get(download_url(sent_upload)).status_code == 404


def test_non_ascii_file_name_is_encoded(client, sent_upload):
    Upload.objects.filter(pk=sent_upload.pk).update(original_name='Foto "tuin" één.pdf')
    log_in(client, sent_upload.resident)

    response = client.get(download_url(sent_upload))

    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''Foto%20%22tuin%22%20%C3%A9%C3%A9n.pdf"
    )


def test_another_resident_gets_404(client, sent_upload):
    log_in(client, ResidentFactory())

    assert client.get(download_url(sent_upload)).status_code == 404


def test_anonymous_visitor_gets_404(client, sent_upload):
    assert client.get(download_url(sent_upload)).status_code == 404


def test_staff_of_another_team_gets_404(client, sent_upload, staff_of):
    client.force_login(staff_of(TeamFactory()))

    assert client.get(download_url(sent_upload)).status_code == 404
    assert not AccessLogEntry.objects.exists()


def test_staff_of_the_team_downloads_and_it_is_logged(client, sent_upload, staff_of):
    case = sent_upload.submission.case
    staff = staff_of(case.team)
    client.force_login(staff)

    response = client.get(download_url(sent_upload))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    entry = AccessLogEntry.objects.get()
    assert entry.resident == sent_upload.resident
    assert entry.user == staff
    assert entry.what == f"Bijlage ‘Brief aan de gemeente.pdf’ bij aanvraag {case.reference}"


def test_unsent_upload_is_not_visible_to_staff(client, staff_of):
    upload = store(upload_file("concept.pdf", PDF))
    client.force_login(staff_of(TeamFactory()))

    assert client.get(download_url(upload)).status_code == 404


def test_post_is_not_allowed(client, sent_upload):
    log_in(client, sent_upload.resident)

    assert client.post(download_url(sent_upload)).status_code == 405

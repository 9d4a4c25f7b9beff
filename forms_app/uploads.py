"""Residents' uploads: check, scan and store a file; attach it to a submission; delete it.

The type of a file comes from its content (magic bytes), never from its name or the
Content-Type the browser sends. Nothing is stored before the scanner has said it is clean.
"""

from __future__ import annotations

import hashlib
import logging
import os
import unicodedata
import uuid
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from forms_app.models import Upload
from forms_app.scanning import ScannerUnavailable, get_scanner

logger = logging.getLogger(__name__)

MB = 1024 * 1024
OOXML = "application/vnd.openxmlformats-officedocument"
ODT = "application/vnd.oasis.opendocument.text"


@dataclass(frozen=True)
class FileType:
    label: str
    content_type: str
    extensions: tuple[str, ...]
    # For zip containers: entries that must be in the zip.
    zip_entries: tuple[str, ...] = ()


FILE_TYPES = {
    "pdf": FileType("PDF", "application/pdf", (".pdf",)),
    "jpg": FileType("JPG", "image/jpeg", (".jpg", ".jpeg")),
    "png": FileType("PNG", "image/png", (".png",)),
    "heic": FileType("HEIC", "image/heic", (".heic",)),
    "docx": FileType(
        "Word",
        f"{OOXML}.wordprocessingml.document",
        (".docx",),
        ("[Content_Types].xml", "word/document.xml"),
    ),
    "xlsx": FileType(
        "Excel",
        f"{OOXML}.spreadsheetml.sheet",
        (".xlsx",),
        ("[Content_Types].xml", "xl/workbook.xml"),
    ),
    "odt": FileType("ODT", ODT, (".odt",), ("mimetype", "content.xml")),
}
# What filetype may call a zip-based document; its entries decide what it really is.
ZIP_GUESSES = {"application/zip", *(t.content_type for t in FILE_TYPES.values() if t.zip_entries)}


class UploadRefused(ValidationError):
    """A file that is not stored; the message says why, in words for the resident."""


def types_phrase(slugs: Iterable[str]) -> str:
    """'PDF-, JPG- of PNG-bestand': the allowed types as the resident reads them."""
    labels = [FILE_TYPES[slug].label for slug in slugs if slug in FILE_TYPES]
    if not labels:
        return str(_("bestand"))
    if len(labels) == 1:
        return f"{labels[0]}-bestand"
    return f"{'-, '.join(labels[:-1])}- {_('of')} {labels[-1]}-bestand"


def accept_attribute(slugs: Iterable[str]) -> str:
    """The file input's accept: the browser's file picker shows these types first."""
    parts = []
    for slug in slugs:
        if slug in FILE_TYPES:
            parts += [*FILE_TYPES[slug].extensions, FILE_TYPES[slug].content_type]
    return ",".join(parts)


def clean_filename(name: str) -> str:
    """The base name only, without path parts, control or direction characters, max 255."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    # Cc: control characters; Cf: format characters such as the right-to-left override that
    # makes "gpj.exe" look like "exe.jpg".
    name = "".join(char for char in name if unicodedata.category(char) not in ("Cc", "Cf"))
    name = name.strip().strip(".")
    if not name:
        return "bestand"
    stem, extension = os.path.splitext(name)
    if len(name) > 255:
        extension = extension[:20]
        name = stem[: 255 - len(extension)] + extension
    return name


def name_for_type(name: str, content_type: str) -> str:
    """The name with an extension of the file's type (by its content): a PDF called
    'verklaring.html' is 'verklaring.pdf'. A browser and a desktop open a downloaded file by
    its name, so a file that is both a PDF and a web page must never be called .html."""
    file_type = next((t for t in FILE_TYPES.values() if t.content_type == content_type), None)
    if file_type is None:
        return name
    stem, extension = os.path.splitext(name)
    if extension.lower() in file_type.extensions:
        return name
    extension = file_type.extensions[0]
    return (stem or name)[: 255 - len(extension)] + extension


def detect_type(fileobj) -> str | None:
    """The slug in FILE_TYPES this file's content is, or None."""
    fileobj.seek(0)
    head = fileobj.read(8192)
    fileobj.seek(0)
    guess = filetype.guess(head)
    if guess is None:
        return None
    if guess.mime in ZIP_GUESSES:
        return _zip_document_type(fileobj)
    for slug, file_type in FILE_TYPES.items():
        if guess.mime == file_type.content_type and not file_type.zip_entries:
            return slug
    return None


def _zip_document_type(fileobj) -> str | None:
    # Only the directory and the tiny "mimetype" entry are read: a zip bomb is never unpacked.
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = set(archive.namelist())
            for slug, file_type in FILE_TYPES.items():
                if not file_type.zip_entries or not set(file_type.zip_entries) <= names:
                    continue
                if "mimetype" in file_type.zip_entries:
                    with archive.open("mimetype") as entry:
                        if entry.read(100).strip() != file_type.content_type.encode():
                            continue
                return slug
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, RuntimeError, ValueError):
        return None
    finally:
        fileobj.seek(0)
    return None


def _refuse(message, code: str, **params):
    raise UploadRefused(message, code=code, params=params)


def _check_type(file, name: str, allowed: list[str]) -> str:
    slug = detect_type(file)
    if slug in allowed:
        return slug
    extension = os.path.splitext(name)[1].lower()
    claimed = [key for key, file_type in FILE_TYPES.items() if extension in file_type.extensions]
    if claimed and claimed[0] != slug:
        # The name promises a type the content is not: say exactly that.
        _refuse(
            _("‘%(name)s’ is geen %(claimed)s. Kies een %(allowed)s."),
            "wrong_type",
            name=name,
            claimed=types_phrase(claimed),
            allowed=types_phrase(allowed),
        )
    _refuse(
        _("‘%(name)s’ is geen %(allowed)s."),
        "wrong_type",
        name=name,
        allowed=types_phrase(allowed),
    )


def check_type(file, *, name: str, allowed: Iterable[str]) -> str:
    """The file's type by its content, or UploadRefused; also for staff uploads in the admin."""
    return _check_type(file, name, list(allowed))


def _check_total(owner_token_hash: str, size: int) -> None:
    # Everything this wizard has stored and not yet sent counts towards one submission.
    stored = (
        Upload.objects.filter(owner_token_hash=owner_token_hash, submission__isnull=True)
        .aggregate(total=Sum("size"))
        .get("total")
        or 0
    )
    limit = settings.FORMS_UPLOAD_MAX_TOTAL_MB
    if stored + size > limit * MB:
        _refuse(
            _(
                "Samen zijn de bestanden groter dan %(limit)d MB. "
                "Voeg minder of kleinere bestanden toe."
            ),
            "total_too_large",
            limit=limit,
        )


def _sha256(file) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in iter(lambda: file.read(MB), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def _scan(file, name: str, sha256: str):
    try:
        result = get_scanner().scan(file)
    except ScannerUnavailable as exc:
        logger.warning("Virus scanner unavailable for upload %s: %s", sha256, exc)
        _refuse(
            _(
                "Het bestand kon niet op virussen worden gecontroleerd. "
                "Probeer het later opnieuw; er is niets opgeslagen."
            ),
            "scanner_unavailable",
        )
    finally:
        file.seek(0)
    if result.infected:
        logger.warning("Virus %s found in upload %s", result.signature, sha256)
        _refuse(
            _("In ‘%(name)s’ is een virus gevonden. Het bestand is niet opgeslagen."),
            "infected",
            name=name,
        )
    return result


@transaction.atomic
def upload_store(
    *,
    file,
    page,
    field_key: str,
    allowed: list[str],
    max_bytes: int,
    resident,
    owner_token_hash: str,
) -> Upload:
    """Check, scan and store one file. Raises UploadRefused; then nothing is stored."""
    name = clean_filename(getattr(file, "name", ""))
    if not file.size:
        _refuse(_("‘%(name)s’ is leeg. Kies een ander bestand."), "empty", name=name)
    if file.size > max_bytes:
        _refuse(
            _("‘%(name)s’ is groter dan %(limit)d MB. Kies een kleiner bestand."),
            "too_large",
            name=name,
            limit=max_bytes // MB,
        )
    slug = _check_type(file, name, allowed)
    _check_total(owner_token_hash, file.size)
    sha256 = _sha256(file)
    result = _scan(file, name, sha256)
    content_type = FILE_TYPES[slug].content_type
    upload = Upload(
        original_name=name_for_type(name, content_type),
        content_type=content_type,
        size=file.size,
        sha256=sha256,
        scan_status=result.status,
        form_page=page,
        field_key=field_key,
        resident=resident,
        branch_number=resident.branch_scope if resident is not None else "",
        owner_token_hash=owner_token_hash,
    )
    # The model's upload_to generates the stored name; this one is never used.
    upload.file.save("upload", file, save=False)
    try:
        upload.save()
    except Exception:
        upload.file.storage.delete(upload.file.name)
        raise
    return upload


def uploads_store(
    *,
    files: list,
    page,
    field_key: str,
    allowed: list[str],
    max_bytes: int,
    resident,
    owner_token_hash: str,
    remove: Iterable[Upload] = (),
) -> list[Upload]:
    """Remove some of a wizard's uploads and store new files, all or nothing.

    One refused file changes nothing: files stored before it are deleted again and the
    uploads to remove stay.
    """
    stored: list[Upload] = []
    try:
        with transaction.atomic():
            for upload in remove:
                upload_delete(upload=upload)
            for file in files:
                stored.append(
                    upload_store(
                        file=file,
                        page=page,
                        field_key=field_key,
                        allowed=allowed,
                        max_bytes=max_bytes,
                        resident=resident,
                        owner_token_hash=owner_token_hash,
                    )
                )
    except Exception:
        # Rows roll back with the transaction; files on disk do not.
        for upload in stored:
            upload.file.storage.delete(upload.file.name)
        raise
    return stored


def upload_delete(*, upload: Upload) -> None:
    """Delete the row, and the stored file once the row is really gone."""
    storage, name = upload.file.storage, upload.file.name
    upload.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def valid_uuids(values: Iterable) -> list[str]:
    """The values that are UUIDs, as strings; anything else a browser sends is dropped."""
    result = []
    for value in values:
        try:
            result.append(str(uuid.UUID(str(value))))
        except ValueError:
            continue
    return result


def uploads_of_owner(*, owner_token_hash: str, uuids: Iterable) -> list[Upload]:
    """The wizard's own unsent uploads among ``uuids``; other people's files never match."""
    if not owner_token_hash:
        return []
    return list(
        Upload.objects.filter(
            owner_token_hash=owner_token_hash,
            submission__isnull=True,
            uuid__in=valid_uuids(uuids),
        )
    )


@transaction.atomic
def uploads_attach(*, owner_token_hash: str, uuids: Iterable, submission) -> int:
    """Link the wizard's uploads to its submission. Returns how many were linked."""
    return Upload.objects.filter(
        owner_token_hash=owner_token_hash,
        submission__isnull=True,
        uuid__in=valid_uuids(uuids),
    ).update(submission=submission)


@transaction.atomic
def uploads_delete_for_owner(*, owner_token_hash: str) -> int:
    """Delete a wizard's unsent uploads (a draft that is deleted or expired)."""
    uploads = Upload.objects.filter(owner_token_hash=owner_token_hash, submission__isnull=True)
    return _delete_all(uploads)


@transaction.atomic
def uploads_delete_orphans(*, older_than) -> int:
    """Delete uploads never sent with a form, created before ``older_than``."""
    uploads = Upload.objects.filter(submission__isnull=True, created_at__lt=older_than)
    return _delete_all(uploads)


def _delete_all(uploads) -> int:
    count = 0
    for upload in uploads.iterator():
        upload_delete(upload=upload)
        count += 1
    return count

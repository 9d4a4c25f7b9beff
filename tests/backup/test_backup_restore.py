"""The documented back-up procedure (scripts/backup.py, scripts/restore.py, docs/deploy.md)
restores the database and the residents' uploads into an empty database that then serves."""

import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection

from forms_app.models import Upload
from tests.cms.factories import make_home

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))
from backup import pg_url  # noqa: E402

pytestmark = pytest.mark.django_db(transaction=True)


def run(script, *, database_url, media, private, args):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media),
        "PRIVATE_MEDIA_ROOT": str(private),
    }
    return subprocess.run(
        [sys.executable, str(REPO / "scripts" / script), *map(str, args)],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def database_url_of_the_test_database(tmp_path):
    """The test database as a URL another process can open."""
    if connection.vendor == "sqlite":
        # The test database lives in memory; hand the scripts a file copy of it.
        path = tmp_path / "source.sqlite3"
        copy = sqlite3.connect(path)
        connection.ensure_connection()
        connection.connection.backup(copy)
        copy.close()
        return f"sqlite:///{path}"
    return pg_url(settings.DATABASES["default"])


@pytest.fixture
def empty_database_url(tmp_path):
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"hogeland_restore_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield pg_url({**settings.DATABASES["default"], "NAME": name})
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def page_titles(url):
    query = "SELECT title FROM wagtailcore_page"
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            return {row[0] for row in db.execute(query)}
    import psycopg

    with psycopg.connect(url) as db:
        return {row[0] for row in db.execute(query)}


@pytest.fixture
def site_with_an_upload(_private_storage):
    home = make_home()
    home.title = "Welkom in Het Hogeland"
    home.save_revision().publish()
    upload = Upload(
        original_name="paspoortfoto.jpg",
        content_type="image/jpeg",
        size=9,
        sha256="0" * 64,
        scan_status="clean",
        field_key="v_foto",
        owner_token_hash="x",
    )
    upload.file.save("foto.jpg", ContentFile(b"JPEGBYTES"), save=True)
    return upload


def test_a_backup_restores_into_an_empty_database_and_serves(
    tmp_path, _private_storage, site_with_an_upload, empty_database_url
):
    backup_dir = tmp_path / "backup"
    made = run(
        "backup.py",
        database_url=database_url_of_the_test_database(tmp_path),
        media=tmp_path / "media",
        private=_private_storage,
        args=[backup_dir],
    )
    assert made.returncode == 0, made.stdout + made.stderr
    assert "1 bestanden van inwoners" in made.stdout

    restored = run(
        "restore.py",
        database_url=empty_database_url,
        media=tmp_path / "media-restored",
        private=tmp_path / "private-restored",
        args=[backup_dir],
    )

    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "de rooktest slaagt" in restored.stdout
    assert "Welkom in Het Hogeland" in page_titles(empty_database_url)
    restored_file = tmp_path / "private-restored" / site_with_an_upload.file.name
    assert restored_file.read_bytes() == b"JPEGBYTES"


def test_a_restore_refuses_a_database_that_has_tables(
    tmp_path, _private_storage, site_with_an_upload
):
    source = database_url_of_the_test_database(tmp_path)
    backup_dir = tmp_path / "backup"
    made = run(
        "backup.py",
        database_url=source,
        media=tmp_path / "media",
        private=_private_storage,
        args=[backup_dir],
    )
    assert made.returncode == 0, made.stdout + made.stderr

    refused = run(
        "restore.py",
        database_url=source,
        media=tmp_path / "media-restored",
        private=tmp_path / "private-restored",
        args=[backup_dir],
    )

    assert refused.returncode != 0
    assert "heeft al tabellen" in refused.stdout + refused.stderr
    assert not (tmp_path / "private-restored").exists()


def test_the_smoke_test_fails_when_a_residents_file_is_missing(
    tmp_path, _private_storage, site_with_an_upload, empty_database_url
):
    (_private_storage / site_with_an_upload.file.name).unlink()
    backup_dir = tmp_path / "backup"
    made = run(
        "backup.py",
        database_url=database_url_of_the_test_database(tmp_path),
        media=tmp_path / "media",
        private=_private_storage,
        args=[backup_dir],
    )
    assert made.returncode == 0, made.stdout + made.stderr

    restored = run(
        "restore.py",
        database_url=empty_database_url,
        media=tmp_path / "media-restored",
        private=tmp_path / "private-restored",
        args=[backup_dir],
    )

    assert restored.returncode == 1
    assert "1 bestanden van inwoners ontbreken" in restored.stdout

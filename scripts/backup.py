#!/usr/bin/env python
"""Back up the database and the uploaded files into one new folder.

    DJANGO_SETTINGS_MODULE=config.settings.production .venv/bin/python scripts/backup.py DEST

DEST must not exist yet. It receives:

- ``database.dump``: PostgreSQL in pg_dump's custom format (a consistent snapshot, taken while
  the site runs), or ``database.sqlite3``: SQLite through its online backup API;
- ``media.tar.gz``: MEDIA_ROOT, the images and documents editors uploaded;
- ``private.tar.gz``: the private storage, residents' uploads (only when it is a folder on
  this machine; object storage is backed up by its own versioning, see docs/deploy.md);
- ``manifest.json``: when, which database engine, the applied migrations, and what is inside.

Restore with scripts/restore.py. docs/deploy.md describes the whole procedure.
"""

import argparse
import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")


def pg_url(database: dict) -> str:
    """A libpq connection URI for pg_dump/pg_restore from Django's settings, without the
    password: that goes in PGPASSWORD (pg_env), never on a command line others can read."""
    from urllib.parse import quote

    user = quote(database.get("USER") or "")
    host = database.get("HOST") or "localhost"
    port = database.get("PORT") or 5432
    return f"postgresql://{user + '@' if user else ''}{host}:{port}/{database['NAME']}"


def pg_env(database: dict) -> dict:
    password = database.get("PASSWORD") or ""
    return {**os.environ, **({"PGPASSWORD": password} if password else {})}


def private_root() -> Path | None:
    from django.conf import settings

    private = settings.STORAGES["private"]
    if not private["BACKEND"].endswith("FileSystemStorage"):
        return None
    return Path(private["OPTIONS"]["location"])


def _tar(source: Path, target: Path) -> int:
    count = 0
    with tarfile.open(target, "w:gz") as archive:
        if source.is_dir():
            for path in sorted(source.rglob("*")):
                if path.is_file():
                    archive.add(path, arcname=str(path.relative_to(source)))
                    count += 1
    return count


def _applied_migrations() -> list[str]:
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    recorder = MigrationRecorder(connection)
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def backup(dest: Path) -> dict:
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    # The dump holds residents' data: readable by this user only.
    os.umask(0o077)
    dest.mkdir(parents=True, mode=0o700)
    database = settings.DATABASES["default"]
    if connection.vendor == "postgresql":
        database_file = "database.dump"
        # PostgreSQL's own client from PATH; every argument comes from the settings.
        subprocess.run(  # noqa: S603
            [  # noqa: S607
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--file={dest / database_file}",
                f"--dbname={pg_url(database)}",
            ],
            env=pg_env(database),
            check=True,
        )
    elif connection.vendor == "sqlite":
        database_file = "database.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(dest / database_file)
        with target:
            connection.connection.backup(target)
        target.close()
    else:
        raise SystemExit(f"Back-up van database {connection.vendor} wordt niet ondersteund.")

    private = private_root()
    manifest = {
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "engine": connection.vendor,
        "database": database_file,
        "migrations": _applied_migrations(),
        "media_files": _tar(Path(settings.MEDIA_ROOT), dest / "media.tar.gz"),
        "private_files": _tar(private, dest / "private.tar.gz") if private else None,
    }
    (dest / "manifest.json").write_text(json.dumps(manifest, indent=2))
    return manifest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dest", type=Path, help="nieuwe map voor de back-up")
    args = parser.parse_args()
    if args.dest.exists():
        raise SystemExit(f"{args.dest} bestaat al: kies een nieuwe map.")
    manifest = backup(args.dest)
    print(
        f"Back-up in {args.dest}: database ({manifest['engine']}), "
        f"{manifest['media_files']} mediabestanden, "
        f"{manifest['private_files'] if manifest['private_files'] is not None else 'geen'} "
        "bestanden van inwoners."
    )


if __name__ == "__main__":
    main()

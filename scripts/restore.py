#!/usr/bin/env python
"""Restore a back-up made by scripts/backup.py into an empty database, then smoke-test it.

    DATABASE_URL=postgres://…/hogeland_new .venv/bin/python scripts/restore.py SRC

The target database must be empty (a new database, never the live one: the script refuses
a database with tables) and MEDIA_ROOT and the private upload folder must be empty or absent.
After restoring it applies migrations the code has and the back-up lacks, and runs a smoke
test: the home page and /health/ answer 200 and every resident upload in the database has
its file. Exit status 0 only when all of that holds.
"""

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

from backup import pg_env, pg_url, private_root  # noqa: E402


def _refuse_unless_empty_folder(folder: Path) -> None:
    if folder.exists() and any(folder.iterdir()):
        raise SystemExit(f"{folder} is niet leeg: herstel alleen in een lege map.")


def _extract(archive: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive, "r:gz") as tar:
        # "data" refuses absolute paths, links out of the folder and device files.
        tar.extractall(target, filter="data")


def restore_database(src: Path, manifest: dict) -> None:
    from django.conf import settings
    from django.db import connection

    if connection.vendor != manifest["engine"]:
        raise SystemExit(
            f"De back-up is van {manifest['engine']}, de doeldatabase is {connection.vendor}."
        )
    if connection.introspection.table_names():
        raise SystemExit("De doeldatabase heeft al tabellen: herstel alleen in een lege database.")
    database = settings.DATABASES["default"]
    if connection.vendor == "postgresql":
        connection.close()
        # PostgreSQL's own client from PATH; every argument comes from the settings.
        subprocess.run(  # noqa: S603
            [  # noqa: S607
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                f"--dbname={pg_url(database)}",
                str(src / manifest["database"]),
            ],
            env=pg_env(database),
            check=True,
        )
    else:
        connection.close()
        source = sqlite3.connect(src / manifest["database"])
        target = sqlite3.connect(database["NAME"])
        with target:
            source.backup(target)
        source.close()
        target.close()


def smoke_test() -> list[str]:
    """What is wrong with the restored site; empty when it serves."""
    from urllib.parse import urlsplit

    from django.conf import settings
    from django.test import Client

    from forms_app.models import Upload

    problems = []
    site = urlsplit(getattr(settings, "SITE_URL", "") or "http://localhost")
    client = Client(HTTP_HOST=site.hostname or "localhost")
    for path in ("/", "/health/"):
        response = client.get(path, secure=site.scheme == "https")
        if response.status_code != 200:
            problems.append(f"{path} gaf {response.status_code}")
    missing = [u.pk for u in Upload.objects.only("file") if not u.file.storage.exists(u.file.name)]
    if missing:
        problems.append(f"{len(missing)} bestanden van inwoners ontbreken (uploads {missing[:5]})")
    return problems


def restore(src: Path) -> list[str]:
    import django

    manifest = json.loads((src / "manifest.json").read_text())
    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    media = Path(settings.MEDIA_ROOT)
    private = private_root()
    _refuse_unless_empty_folder(media)
    if private and manifest["private_files"] is not None:
        _refuse_unless_empty_folder(private)

    restore_database(src, manifest)
    _extract(src / "media.tar.gz", media)
    if private and manifest["private_files"] is not None:
        _extract(src / "private.tar.gz", private)
    call_command("migrate", interactive=False, verbosity=0)
    return smoke_test()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("src", type=Path, help="map met een back-up van scripts/backup.py")
    args = parser.parse_args()
    if not (args.src / "manifest.json").is_file():
        raise SystemExit(f"{args.src} is geen back-up (manifest.json ontbreekt).")
    problems = restore(args.src)
    if problems:
        print("Hersteld, maar de rooktest faalt:", *problems, sep="\n- ")
        raise SystemExit(1)
    print("Hersteld; de rooktest slaagt (homepage, /health/, bestanden van inwoners).")


if __name__ == "__main__":
    if shutil.which("pg_restore") is None:
        print("Let op: pg_restore ontbreekt; alleen SQLite-back-ups zijn te herstellen.")
    main()

"""The embedded database under concurrent writes: residents submitting at once all get a case.

The test database is in memory; this test copies it into a file and gives every thread its
own connection to that file, with the project's SQLite options, as app-server threads have.
"""

import sqlite3
import threading
import uuid

import pytest
from django.db import connection, connections

from forms_app.services.submissions import submit
from tests.forms_app.factories import FormPageFactory, default_steps, key_of

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="the embedded database only"),
]

RESIDENTS = 25


def _answers(steps):
    first, second = (step["value"]["fields"] for step in steps)
    values = ["Zwerfafval", "Vuilniszakken bij de glasbak", "Markt 1, Winsum", "a@example.nl", None]
    types = ["radio", "textarea", "text", "email", "phone"]
    return [
        {
            "key": key_of(block),
            "step": key_of(steps[0] if block in first else steps[1]),
            "type": kind,
            "label": block["value"]["label"],
            "value": value,
        }
        for block, kind, value in zip([*first, *second], types, values, strict=True)
    ]


def _file_copy_of_test_database(path):
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
    finally:
        target.close()


def test_twenty_five_residents_submitting_at_once_all_get_a_case(tmp_path):
    from tests.cms.factories import make_home

    page = FormPageFactory(parent=make_home(), login_required=False)
    answers = _answers(default_steps())
    path = tmp_path / "db.sqlite3"
    _file_copy_of_test_database(path)
    file_settings = {**connection.settings_dict, "NAME": str(path)}
    wrapper = type(connections["default"])
    start = threading.Barrier(RESIDENTS)
    failures = []

    def resident():
        # Thread-local: only this thread's "default" is the file database.
        connections["default"] = wrapper(dict(file_settings), "default")
        try:
            start.wait()
            submit(
                page=page.__class__.objects.get(pk=page.pk),
                answers=answers,
                idempotency_key=uuid.uuid4(),
                email="a@example.nl",
            )
        except Exception as exc:  # noqa: BLE001 - every failure is what this test counts
            failures.append(repr(exc))
        finally:
            connections["default"].close()

    threads = [threading.Thread(target=resident) for _ in range(RESIDENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert failures == []
    with sqlite3.connect(path) as db:
        cases = db.execute("SELECT COUNT(*), COUNT(DISTINCT reference) FROM cases_case").fetchone()
        journal = db.execute("PRAGMA journal_mode").fetchone()[0]
    assert cases == (RESIDENTS, RESIDENTS)
    assert journal == "wal"

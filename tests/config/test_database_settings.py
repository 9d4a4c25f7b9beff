import pytest
from django.conf import settings

from tests.config.test_settings import _manage

SQLITE = "sqlite:////tmp/hogeland-production-check.sqlite3"


def test_production_refuses_sqlite():
    result = _manage("check", DATABASE_URL=SQLITE)

    assert result.returncode != 0
    assert "ALLOW_SQLITE_IN_PRODUCTION" in result.stderr


def test_production_runs_on_sqlite_when_explicitly_allowed():
    result = _manage("check", DATABASE_URL=SQLITE, ALLOW_SQLITE_IN_PRODUCTION="true")

    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="options of the embedded database",
)
def test_the_embedded_database_waits_for_its_turn_to_write():
    options = settings.DATABASES["default"]["OPTIONS"]

    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    assert "journal_mode=WAL" in options["init_command"]

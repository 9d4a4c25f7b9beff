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


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="statements prepared by PostgreSQL",
)
@pytest.mark.django_db
def test_postgresql_prepares_a_statement_a_connection_runs_again_and_again():
    from django.db import connection

    from contacts.models import Team

    for _ in range(6):
        list(Team.objects.filter(name="Publiekszaken"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]

    assert any('FROM "contacts_team"' in statement for statement in prepared), prepared


def test_server_side_binding_can_be_turned_off_for_an_old_pgbouncer():
    show = "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'])"

    on = _manage("shell", "-c", show)
    off = _manage("shell", "-c", show, DATABASE_SERVER_SIDE_BINDING="false")

    assert "'server_side_binding': True" in on.stdout, on.stderr
    assert "'server_side_binding': False" in off.stdout, off.stderr

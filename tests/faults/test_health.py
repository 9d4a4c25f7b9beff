"""/health/ (readiness) reports each dependency; /health/live/ only says the process answers."""

import datetime as dt
from unittest import mock

import pytest
from django.db import OperationalError
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_ready_reports_database_cache_and_tasks(client):
    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "tasks": {"status": "ok", "backend": "in-process"},
    }


def test_the_database_check_writes(client):
    from django.db import connection

    with CaptureQueriesContext(connection) as queries:
        client.get("/health/")

    assert any(q["sql"].lstrip().upper().startswith("UPDATE") for q in queries.captured_queries)


def test_a_database_that_refuses_writes_makes_the_node_unready(client):
    with mock.patch(
        "cms.views.health.connection.cursor",
        side_effect=OperationalError("cannot execute UPDATE in a read-only transaction"),
    ):
        response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_a_cache_that_forgets_is_reported_but_keeps_the_node_in(client):
    with mock.patch("cms.views.health.cache.get", return_value=None):
        response = client.get("/health/")

    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["cache"] == "unavailable"


def test_a_task_backlog_is_reported_but_keeps_the_node_in(client, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    settings.HEALTH_TASK_MAX_WAIT_SECONDS = 300
    from outbox.tasks import send_due_emails

    send_due_emails.enqueue()
    send_due_emails.enqueue()
    DBTaskResult.objects.update(enqueued_at=timezone.now() - dt.timedelta(minutes=10))

    response = client.get("/health/")

    assert response.status_code == 200
    tasks = response.json()["tasks"]
    assert tasks["status"] == "behind"
    assert tasks["pending"] == 2
    assert tasks["oldest_seconds"] >= 600


def test_liveness_touches_neither_database_nor_cache(client, django_assert_num_queries):
    with (
        django_assert_num_queries(0),
        mock.patch("cms.views.health.cache.get", side_effect=AssertionError("cache used")),
    ):
        response = client.get("/health/live/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}

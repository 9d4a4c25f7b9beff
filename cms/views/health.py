"""Health endpoints for the load balancer and the process supervisor.

``/health/`` (readiness): may this node take requests? 503 only when the database fails (a
write, rolled back): then it cannot serve, and the load balancer takes it out. The cache and
the task queue's backlog are reported ("status": "degraded") but keep the node in: without
Redis pages are served uncached and sessions come from the database, and a cache or worker
that is down is down for every node, so taking them all out would take the site down.

``/health/live/`` (liveness): the process answers. No database or cache, so a restart is
never triggered by a dependency that is down.
"""

import datetime as dt
import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)

OK, UNAVAILABLE = "ok", "unavailable"
_DB_BACKEND = "django_tasks_db.backend.DatabaseBackend"


def database_status() -> str:
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                # A real write (read-only replica, full disk or a lock show up here), undone.
                cursor.execute(
                    "UPDATE django_migrations SET app = app "
                    "WHERE id = (SELECT MIN(id) FROM django_migrations)"
                )
            transaction.set_rollback(True)
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        logger.warning("Health: database unavailable", exc_info=True)
        return UNAVAILABLE
    return OK


def cache_status() -> str:
    key, value = "health:check", uuid.uuid4().hex
    try:
        cache.set(key, value, 30)
        found = cache.get(key)
    except Exception:  # noqa: BLE001 - a cache that raises is as down as one that forgets
        found = None
    return OK if found == value else UNAVAILABLE


def task_queue_status() -> dict:
    """Tasks waiting for the worker, and for how long the oldest has waited."""
    if settings.TASKS["default"]["BACKEND"] != _DB_BACKEND:
        return {"status": OK, "backend": "in-process"}
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    limit = dt.timedelta(seconds=settings.HEALTH_TASK_MAX_WAIT_SECONDS)
    try:
        waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
        oldest = waiting.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
        pending = waiting.count()
    except Exception:  # noqa: BLE001 - reported as the database's failure above
        return {"status": UNAVAILABLE}
    age = int((now - oldest).total_seconds()) if oldest else 0
    return {
        "status": "behind" if oldest and now - oldest > limit else OK,
        "pending": pending,
        "oldest_seconds": age,
    }


@never_cache
def health(request):
    database, cache_state, tasks = database_status(), cache_status(), task_queue_status()
    ready = database == OK
    if not ready:
        status = "error"
    elif cache_state != OK or tasks["status"] != OK:
        status = "degraded"
    else:
        status = OK
    body = {"status": status, "database": database, "cache": cache_state, "tasks": tasks}
    return JsonResponse(body, status=200 if ready else 503)


@never_cache
def live(request):
    return JsonResponse({"status": OK})

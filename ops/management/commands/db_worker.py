"""``manage.py db_worker``: django-tasks-db's worker, kept alive through a database restart.

The library's worker stops at the first database error other than a locked SQLite file: a
PostgreSQL restart or failover ends it, and systemd only starts it again after RestartSec. This
one waits until the database answers again and carries on; a stop signal still stops it.
"""

import logging
import time

from django.db import connections
from django.db.utils import InterfaceError, OperationalError
from django_tasks_db.management.commands import db_worker

logger = logging.getLogger("ops.worker")

RETRY_SECONDS = 1.0


class Worker(db_worker.Worker):
    def run(self) -> None:
        while self.running:
            try:
                return super().run()
            except (OperationalError, InterfaceError) as exc:
                if not self.running:
                    raise
                # The class only: the message may quote SQL with personal data in it.
                logger.warning(
                    "Database unreachable (%s); the worker tries again in %.0f s",
                    type(exc).__name__,
                    RETRY_SECONDS,
                )
                for connection in connections.all(initialized_only=True):
                    try:
                        connection.close()
                    except (OperationalError, InterfaceError):
                        connection.connection = None
                time.sleep(RETRY_SECONDS)
        return None


class Command(db_worker.Command):
    def handle(self, *args, **options):
        # The library's handle() builds the worker by this module-level name.
        db_worker.Worker = Worker
        return super().handle(*args, **options)

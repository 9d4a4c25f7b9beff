"""PostgreSQL restarts while residents submit forms: nothing confirmed is lost, the site recovers.

The machine's shared PostgreSQL server is never touched. The test starts a private cluster
(bench/private_postgres.py) and, against it, the site under gunicorn with production settings
plus `manage.py db_worker`, as on a production machine (bench/stack.py). Clients submit a
three-step form without login over real sockets while the cluster is restarted: `pg_ctl restart
-m fast` (a planned restart or failover: sessions are ended) and `-m immediate` (a crash:
recovery at start), and once while the site is quiet (every persistent connection goes stale).
"""

import http.client
import os
import sys
import threading
import time
from pathlib import Path

import psycopg
import pytest
import redis

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
import private_postgres  # noqa: E402
import stack  # noqa: E402
from submit_forms import CREATE_FORM, Resident, StepFailed  # noqa: E402

REDIS_URL = "redis://127.0.0.1:6379/12"

# One private cluster and site for the whole module: its tests stay on one xdist worker.
pytestmark = pytest.mark.xdist_group("postgres-restart")
CLIENTS = 8
# A case type to file the reports under, without the (slow) demo content.
SEED = """
from django.contrib.auth.models import Group
from cases.models import CaseType, StatusType
from contacts.models import Team
group, _ = Group.objects.get_or_create(name="Openbare ruimte")
team, _ = Team.objects.get_or_create(
    slug="openbare-ruimte", defaults={"name": "Openbare ruimte", "group": group})
case_type, _ = CaseType.objects.get_or_create(
    slug="melding-openbare-ruimte",
    defaults={"name": "Melding openbare ruimte", "team": team, "lead_time": 5})
for order, name in enumerate(["Ontvangen", "In behandeling", "Afgehandeld"], start=1):
    StatusType.objects.get_or_create(
        case_type=case_type, name=name, defaults={"order": order, "is_final": order == 3})
"""


class Site:
    def __init__(self, pg, database_url, port, form_url, worker, var_dir):
        self.pg, self.database_url, self.port = pg, database_url, port
        self.form_url, self.worker, self.var_dir = form_url, worker, var_dir

    def query(self, sql: str) -> list[tuple]:
        with psycopg.connect(self.database_url, connect_timeout=10) as db:
            return db.execute(sql).fetchall()

    def started_at(self):
        return self.query("SELECT pg_postmaster_start_time()")[0][0]

    def __str__(self) -> str:
        """Which cluster and app server this test used: in every report, so that a result read
        off another cluster, or an app server that is not this test's own, shows."""
        return f"{self.pg}; app server on 127.0.0.1:{self.port}, var {self.var_dir}"


def _private_cluster():
    try:
        private_postgres.check()
    except private_postgres.Unavailable as exc:
        message = f"no private PostgreSQL cluster possible here: {exc}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)  # a skip is never a pass in CI
        pytest.skip(message)
    return private_postgres.cluster()


def _collect(env, failed):
    try:
        stack.manage(env, "collectstatic", "--no-input")
    except RuntimeError as exc:
        failed.append(str(exc)[-2000:])


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("pg-restart")
    # The app server's port stays reserved until it listens: migrations take half a minute.
    with private_postgres.reserved_port(range(8600, 8700)) as port, _private_cluster() as pg:
        database_url = pg.create_database("hogeland")
        env = stack.site_env(
            var_dir=var_dir,
            database_url=database_url,
            redis_url=REDIS_URL,
            site_url=f"http://127.0.0.1:{port}",
            TASKS_BACKEND="django_tasks_db.backend.DatabaseBackend",
            EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
            EMAIL_FILE_PATH=str(var_dir / "mail"),
            RATE_LIMITS_ENABLED="false",
        )
        # Static files need no database: collected while the migrations run.
        static_failed = []
        static = threading.Thread(target=lambda: _collect(env, static_failed), name="collectstatic")
        static.start()
        # What an earlier run left in this Redis database (Wagtail's site root paths, say)
        # describes another cluster: the form's address would be worked out from it.
        redis.Redis.from_url(REDIS_URL).flushdb()
        stack.manage(env, "migrate", "--no-input")
        stack.manage(env, "shell", "-c", SEED)
        form_url = stack.manage(env, "shell", "-c", CREATE_FORM).strip().splitlines()[-1]
        assert form_url.startswith("/"), f"the form page has no address: {form_url}"
        static.join()
        assert static_failed == [], static_failed
        redis.Redis.from_url(REDIS_URL).flushdb()
        with stack.app_server(port, env, workers=2, threads=4), stack.task_worker(env) as worker:
            site = Site(pg, database_url, port, form_url, worker, var_dir)
            print(site)
            yield site


class Visitor(Resident):
    """One browser on a keep-alive connection (the benchmark's); every response is written to
    ``log``, and a dropped connection is a failed step too."""

    def __init__(self, port: int, log: list):
        super().__init__(port)
        self.log = log

    def request(self, method, path, data=None):
        started = time.monotonic()
        try:
            status, location, content = super().request(method, path, data)
        except (OSError, http.client.HTTPException) as exc:
            self.log.append((started, f"{method} {path}", 0, repr(exc)))
            self.conn.close()
            raise Failed from exc
        self.log.append((started, f"{method} {path}", status, content))
        return status, location.replace(f"https://127.0.0.1:{self.port}", ""), content

    def submit(self, form_url, number):
        return self.complete(form_url, number, email="herstart@example.nl")


# A step did not answer as a working site would; the response is in the log.
Failed = StepFailed


def run_clients(site, *, until, clients=CLIENTS, flows=None):
    """Clients submit until ``until(confirmations)`` is true (or each has done ``flows``);
    a confirmation is (the moment its flow started, the reference, the client)."""
    confirmations, log = [], []

    def client(index):
        number = 0
        while not until(confirmations) and (flows is None or number < flows):
            visitor = Visitor(site.port, log)
            started = time.monotonic()
            try:
                reference = visitor.submit(site.form_url, f"{index}-{number}")
                confirmations.append((started, reference, index))
            except (Failed, AttributeError):
                time.sleep(0.1)  # an error page: this resident tries again from the start
            finally:
                visitor.conn.close()
            number += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return confirmations, log


def clear_error(status: int, content: str) -> bool:
    return status == 503 or (status == 500 and "Er ging iets mis" in content)


def assert_every_confirmation_is_stored(site, confirmations):
    references = [reference for _, reference, _ in confirmations]
    stored = dict(
        site.query(
            "SELECT c.reference, COUNT(s.id) FROM cases_case c "
            "LEFT JOIN forms_app_submission s ON s.case_id = c.id GROUP BY c.reference"
        )
    )
    assert len(references) == len(set(references)), f"a reference was confirmed twice ({site})"
    missing = [r for r in references if r not in stored]
    assert missing == [], f"confirmed but not in the database ({site}): {missing}"
    assert all(stored[r] == 1 for r in references), (
        f"a confirmed case without its submission ({site})"
    )


def assert_confirmation_mail_sent(site, references):
    """The worker outlived the restart: it sends the confirmations of later submissions."""

    def unsent():
        sent = {
            subject
            for (subject,) in site.query(
                "SELECT subject FROM outbox_outboundemail WHERE status = 'sent'"
            )
        }
        return [r for r in references if not any(r in subject for subject in sent)]

    deadline = time.monotonic() + 30
    while unsent() and time.monotonic() < deadline and site.worker.poll() is None:
        time.sleep(0.5)
    assert site.worker.poll() is None, "the task worker stopped when the database restarted"
    assert unsent() == [], "confirmation e-mails not sent after the restart"


@pytest.mark.parametrize("mode", ["fast", "immediate"])
def test_a_restart_under_load_loses_no_confirmed_submission(site, mode):
    before = site.started_at()
    restarted = threading.Event()
    back = []

    def restart():
        time.sleep(3)
        site.pg.restart(mode)
        back.append(time.monotonic())
        restarted.set()

    def everyone_submitted_again(confirmations):
        if not restarted.is_set():
            return False
        again = {client for started, _, client in confirmations if started > back[0] + 0.5}
        return len(again) == CLIENTS or time.monotonic() > back[0] + 30

    restarter = threading.Thread(target=restart)
    restarter.start()
    confirmations, log = run_clients(site, until=everyone_submitted_again)
    restarter.join()

    assert site.started_at() > before, "the database was not restarted"
    assert_every_confirmation_is_stored(site, confirmations)
    # During the outage: the Dutch error page or a 503, never a dropped connection.
    unclear = [
        (path, status, content[:300])
        for _, path, status, content in log
        if (status >= 500 or status == 0) and not clear_error(status, content)
    ]
    assert unclear == [], "an error without the error page"
    # Back up: nothing that started after the restart fails, and residents get confirmations.
    after_back = [(path, status) for t, path, status, _ in log if t > back[0] + 0.5]
    assert [f for f in after_back if f[1] >= 500][:5] == [], "errors after the database was back"
    later = [
        (reference, client)
        for started, reference, client in confirmations
        if started > back[0] + 0.5
    ]
    assert len({client for _, client in later}) == CLIENTS, "not every resident could submit again"
    assert_confirmation_mail_sent(site, [reference for reference, _ in later])


def test_the_first_residents_after_a_quiet_restart_get_no_error(site):
    # Every app-server thread has a connection open from earlier traffic.
    stop = time.monotonic() + 3
    run_clients(site, until=lambda _: time.monotonic() > stop)
    before = site.started_at()

    site.pg.restart("fast")

    confirmations, log = run_clients(site, until=lambda _: False, flows=1)
    assert site.started_at() > before
    errors = [(path, status) for _, path, status, _ in log if status >= 500 or status == 0]
    assert errors[:5] == [], f"{len(errors)} errors: stale database connections after the restart"
    assert len(confirmations) == CLIENTS
    assert_every_confirmation_is_stored(site, confirmations)
    assert_confirmation_mail_sent(site, [reference for _, reference, _ in confirmations])

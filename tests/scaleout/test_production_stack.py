"""Two app servers, a task worker and Varnish on one PostgreSQL and one Redis (docs/deploy.md).

The stack runs as separate processes started here (bench/stack.py): app servers A and B
behind Varnish with deploy/varnish/default.vcl, and `manage.py db_worker`. Every request goes
over real sockets; content changes are made by yet another process (`manage.py shell`).
"""

import os
import re
import sys
import time
import uuid
from pathlib import Path

import psycopg
import pytest
import redis
import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
import stack  # noqa: E402

POSTGRES = os.environ.get("STACK_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS_DB = "redis://127.0.0.1:6379/13"
RESIDENT_BSN, RESIDENT_NAME = "999990019", "Anna de Vries"

# One stack for the whole module: its tests stay together on one xdist worker.
pytestmark = pytest.mark.xdist_group("scaleout")


class Stack:
    def __init__(self, env, a, b, varnish, var_dir):
        self.env, self.a, self.b, self.varnish, self.var_dir = env, a, b, varnish, var_dir

    def shell(self, code: str) -> str:
        return stack.manage(self.env, "shell", "-c", code)

    def url(self, port: int, path: str) -> str:
        return f"http://127.0.0.1:{port}{path}"


@pytest.fixture(scope="module")
def production_stack(tmp_path_factory):
    if not stack.varnish_available():
        message = "varnishd ontbreekt (Debian-pakket varnish; scripts/ensure-varnish.sh)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    var_dir = tmp_path_factory.mktemp("stack")
    name = f"hogeland_stack_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(POSTGRES, autocommit=True) as db:
        db.execute(f'CREATE DATABASE "{name}"')
    redis.Redis.from_url(REDIS_DB).flushdb()
    a, b, front = stack.free_port(), stack.free_port(), stack.free_port()
    site_url = f"http://127.0.0.1:{front}"
    env = stack.site_env(
        settings="config.settings.dev",
        var_dir=var_dir,
        database_url=POSTGRES.rsplit("/", 1)[0] + f"/{name}",
        redis_url=REDIS_DB,
        site_url=site_url,
        DEBUG="false",
        DIGID_MOCK_CLIENT_ORIGINS=site_url,
        TASKS_BACKEND="django_tasks_db.backend.DatabaseBackend",
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(var_dir / "mail"),
        VARNISH_URL=site_url,
    )
    try:
        stack.prepare_site(env)
        with (
            stack.app_server(a, env),
            stack.app_server(b, env),
            stack.task_worker(env),
            stack.varnish(front, [a, b]),
        ):
            yield Stack(env, a, b, front, var_dir)
    finally:
        with psycopg.connect(POSTGRES, autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def title_of(html: bytes) -> str:
    return re.search(rb"<title>(.*?)</title>", html, re.S).group(1).decode().strip()


def wait_for(check, seconds=30.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if result := check():
            return result
        time.sleep(0.25)
    return check()


NEW_TITLE = "Nieuw: paspoort op afspraak"
SERVICE = "from cms.models import ServicePage; page = ServicePage.objects.live().order_by('pk')[0]"


def test_varnish_keeps_pages_until_a_publish_purges_them(production_stack):
    s = production_stack
    url = s.shell(f"{SERVICE}; print(page.url)").strip().splitlines()[-1]

    # Purges the stack's own setup queued (the seed publishes pages) may still reach Varnish
    # through the worker: ask until the page stays in the cache.
    def cached():
        stack.get(s.varnish, url)
        status, headers, _body = stack.get(s.varnish, url)
        return status == 200 and headers["x-cache"] == "hit"

    assert wait_for(cached, seconds=15)
    old_title = title_of(stack.get(s.varnish, url)[2])

    s.shell(f"{SERVICE}; page.title = {NEW_TITLE!r}; page.save_revision().publish()")

    # Wagtail sends the purge as a background task: the worker does it within moments.
    def purged():
        status, headers, body = stack.get(s.varnish, url)
        return status == 200 and NEW_TITLE in title_of(body)

    assert wait_for(purged, seconds=30), old_title
    # Both app servers dropped their own cached copy too (one Redis).
    for port in (s.a, s.b):
        assert NEW_TITLE in title_of(stack.get(port, url)[2])


def test_alerts_appear_and_disappear_on_time_on_cached_pages(production_stack):
    s = production_stack
    s.shell(
        "import datetime as dt; from django.utils import timezone; from cms.models import Alert; "
        "now = timezone.now(); Alert.objects.create("
        "title='Storing drinkwater Winsum', message='Kook uw water 3 minuten.', "
        "severity='warning', starts_at=now + dt.timedelta(seconds=6), "
        "ends_at=now + dt.timedelta(seconds=20))"
    )
    stack.get(s.varnish, "/")
    status, headers, body = stack.get(s.varnish, "/")
    assert headers["x-cache"] == "hit"
    assert b"Storing drinkwater Winsum" not in body

    def shown():
        status, headers, body = stack.get(s.varnish, "/")
        return headers["x-cache"] == "hit" and b"Storing drinkwater Winsum" in body

    assert wait_for(shown, seconds=15)
    alert_id = re.search(rb"/meldingen/(\d+)/verbergen/", stack.get(s.varnish, "/")[2]).group(1)
    hidden = stack.get(s.varnish, "/", {"Cookie": f"verborgen_meldingen={alert_id.decode()}"})
    assert b"Storing drinkwater Winsum" not in hidden[2]

    def gone():
        status, headers, body = stack.get(s.varnish, "/")
        return headers["x-cache"] == "hit" and b"Storing drinkwater Winsum" not in body

    assert wait_for(gone, seconds=30)


def log_in_through_the_mock(session: requests.Session, site: str) -> requests.Response:
    page = session.get(f"{site}/mijn/inloggen/", params={"next": "/mijn/"}, timeout=30)
    assert page.status_code == 200 and "DigiD" in page.text, page.text[:300]
    return session.post(
        page.url,
        data={
            "csrfmiddlewaretoken": stack.csrf_token(page.text),
            "methode": "digid",
            "bsn": RESIDENT_BSN,
            "niveau": "",
        },
        headers={"Referer": page.url},
        timeout=30,
    )


def test_a_resident_logged_in_through_one_app_server_is_logged_in_on_the_other(
    production_stack,
):
    s = production_stack
    browser = requests.Session()

    landed = log_in_through_the_mock(browser, s.url(s.varnish, ""))

    assert landed.status_code == 200 and landed.url.endswith("/mijn/"), landed.url
    assert RESIDENT_NAME in landed.text
    for port in (s.a, s.b):
        page = browser.get(s.url(port, "/mijn/"), allow_redirects=False, timeout=30)
        assert page.status_code == 200, (port, page.status_code)
        assert RESIDENT_NAME in page.text
        assert RESIDENT_BSN not in page.url


def test_the_task_worker_sends_mail_queued_by_another_process(production_stack):
    s = production_stack
    mail_dir = s.var_dir / "mail"

    s.shell(
        "from django.db import transaction; from outbox.services import queue_email\n"
        "with transaction.atomic():\n"
        "    queue_email(to='anna@example.nl', subject='Uw aanvraag is ontvangen', "
        "body='Wij hebben uw aanvraag ontvangen.', dedupe_key='stack-test')"
    )

    def delivered():
        files = list(mail_dir.glob("*.log")) if mail_dir.exists() else []
        return [f for f in files if "Uw aanvraag is ontvangen" in f.read_text()]

    assert wait_for(delivered, seconds=60), "the worker sent nothing"
    assert len(delivered()) == 1

"""Load test: N residents at once log in with DigiD (the mock) and submit a form, for T seconds.

    .venv/bin/python bench/load_residents.py                       # 50 residents, 5 minutes
    .venv/bin/python bench/load_residents.py --clients 10 --seconds 30
    .venv/bin/python bench/load_residents.py --clients 10 --seconds 30 --restart-database-at 10

Starts, on loopback ports, against a PostgreSQL database of its own (`hogeland_load` on the
server at `BENCH_POSTGRES_URL`, created and dropped; or, with `--private-postgres` or
`--restart-database-at`, in a throwaway cluster of its own, bench/private_postgres.py) and
Redis database 14:

- the site under gunicorn (`--workers`, default 3, x 4 threads), with `config.settings.dev`
  and DEBUG off: production settings refuse a broker that is not https, and the mock is one;
- the mock identity provider in a gunicorn of its own (2 x 4), at `localhost` rather than
  `127.0.0.1` so that, as with a real broker on another host, the two keep separate cookies,
  and so the mock's work is not counted against the site.

Each simulated resident (a thread, one keep-alive connection per host, its own cookies and
BSN) repeats: start the login, choose the person at the mock, come back through the callback,
open the form, answer two steps, send the check page and read the reference on the
confirmation. Afterwards the run checks: every confirmation received is a stored submission
(and a case), no reference repeats, no response was a 5xx. It prints submissions per second,
the 5xx count, p50/p95/p99 of the site's responses, of the mock's (and its share of the time),
and of a whole submission (login to reference). `--restart-database-at S` restarts the private
cluster S seconds into the run (`--restart-mode fast` or `immediate`, a crash): then 5xx
responses during the outage are counted apart and only 5xx after it fail the run. Every loop is
bounded by the deadline; traffic goes to loopback only.
"""

import argparse
import contextlib
import http.client
import json
import os
import random
import re
import statistics
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
import private_postgres  # noqa: E402
import stack  # noqa: E402
from submit_forms import CREATE_FORM  # noqa: E402

POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
COUNT = """
from cases.models import Case
from forms_app.models import Submission
import json
refs = list(Case.objects.filter(title__contains="Zwerfafval").values_list("reference", flat=True))
with_submission = list(
    Submission.objects.filter(case__reference__in=refs).values_list("case__reference", flat=True)
)
print(json.dumps({"submissions": Submission.objects.count(), "cases": refs,
                  "with_submission": with_submission}))
"""


def test_bsn(rng: random.Random) -> str:
    """A BSN in the test range 999xxxxxx that passes the 11-proef."""
    while True:
        digits = [9, 9, 9] + [rng.randrange(10) for _ in range(5)]
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        last = total % 11
        if last < 10:
            return "".join(map(str, digits + [last]))


class Browser:
    """One resident's browser: a keep-alive connection and a cookie jar per host."""

    def __init__(self, timings: list, errors: list, server_errors: list):
        self.connections: dict[str, http.client.HTTPConnection] = {}
        self.cookies: dict[str, dict[str, str]] = {}
        self.timings, self.errors, self.server_errors = timings, errors, server_errors

    def close(self):
        for conn in self.connections.values():
            conn.close()

    def request(self, method, url, data=None, referer=None):
        parts = urlsplit(url)
        host = parts.hostname
        conn = self.connections.get(parts.netloc)
        if conn is None:
            conn = self.connections[parts.netloc] = http.client.HTTPConnection(
                host, parts.port, timeout=60
            )
        jar = self.cookies.setdefault(host, {})
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in jar.items())}
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"{parts.scheme}://{parts.netloc}"
            headers["Referer"] = referer or url
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        started = time.perf_counter()
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            # The server closed the idle keep-alive connection (gunicorn's keepalive) just
            # as it was reused: a browser sends the request again on a new connection.
            conn.close()
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
        content = response.read().decode()
        elapsed = time.perf_counter() - started
        self.timings.append(("mock" if host == "localhost" else "site", elapsed))
        if response.status >= 500:
            self.errors.append(f"{method} {path} -> {response.status}")
            self.server_errors.append((time.monotonic(), response.status))
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                jar[name] = rest.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            conn.close()
            del self.connections[parts.netloc]
        location = response.getheader("Location", "")
        if location.startswith("/"):
            location = f"{parts.scheme}://{parts.netloc}{location}"
        return response.status, location, content

    def follow(self, url, method="GET", data=None):
        status, location, content = self.request(method, url, data)
        for _ in range(10):
            if status not in (301, 302, 303):
                break
            url = location
            status, location, content = self.request("GET", url)
        if status != 200:
            raise RuntimeError(f"{url} answered {status}")
        return url, content


def csrf(content):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1)


def log_in(browser, site, form_url, bsn):
    url, content = browser.follow(f"{site}/mijn/inloggen/?{urlencode({'next': form_url})}")
    return browser.follow(
        url, "POST", {"csrfmiddlewaretoken": csrf(content), "methode": "digid", "bsn": bsn}
    )


def post_step(browser, url, content, values):
    prefix = re.search(r'name="(form-\d+)-current_step" value="([^"]+)"', content)
    names = list(dict.fromkeys(re.findall(r'name="(s_[0-9a-f]+-v_[0-9a-z_]+)"', content)))
    data = {
        "csrfmiddlewaretoken": csrf(content),
        f"{prefix.group(1)}-current_step": prefix.group(2),
    }
    data.update(values(names))
    return browser.follow(url, "POST", data)


def submit(browser, site, form_url, bsn, number):
    url, content = log_in(browser, site, form_url, bsn)
    url, content = post_step(
        browser,
        url,
        content,
        lambda n: {n[0]: "Zwerfafval", n[1]: f"Vuilniszakken bij de glasbak ({number})"},
    )
    url, content = post_step(
        browser,
        url,
        content,
        lambda n: {
            n[0]: "9951AA",
            n[1]: "12",
            n[2]: "",
            n[3]: "1",
            n[4]: "11",
            n[5]: "2026",
            n[6]: "load@example.nl",
        },
    )
    key = re.search(r'name="controleren-idempotency_key" value="([^"]+)"', content).group(1)
    url, content = post_step(browser, url, content, lambda n: {"controleren-idempotency_key": key})
    return re.search(r'data-testid="reference">([^<]+)<', content).group(1)


def run(site, form_url, clients, seconds, *, stop_after_errors=20):
    deadline = time.monotonic() + seconds
    references, errors, server_errors, timings, flows = [], [], [], [], []

    def resident(index):
        rng = random.Random(index)
        number = 0
        while time.monotonic() < deadline and (
            stop_after_errors is None or len(errors) < stop_after_errors
        ):
            browser = Browser(timings, errors, server_errors)
            started = time.perf_counter()
            try:
                references.append(
                    submit(browser, site, form_url, test_bsn(rng), f"{index}-{number}")
                )
                flows.append(time.perf_counter() - started)
            except Exception as exc:  # noqa: BLE001 (counted and reported, the run goes on)
                errors.append(repr(exc)[:200])
                if stop_after_errors is None:
                    time.sleep(0.2)  # an error page: this resident starts again
            finally:
                browser.close()
            number += 1

    pool = [threading.Thread(target=resident, args=(i,)) for i in range(clients)]
    started = time.monotonic()
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(timeout=seconds + 120)
    return references, errors, server_errors, timings, flows, time.monotonic() - started


def percentiles(values):
    if len(values) < 2:
        return "n/a"
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return " / ".join(f"{cuts[p - 1] * 1000:.0f}" for p in (50, 95, 99))


@contextlib.contextmanager
def shared_database(name):
    """A database of its own on the shared server (``BENCH_POSTGRES_URL``)."""
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{name}"')
    try:
        yield None, f"{POSTGRES}/{name}"
    finally:
        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def private_database(name):
    """A throwaway cluster (the shared server is never restarted)."""
    with private_postgres.cluster() as pg:
        yield pg, pg.create_database(name)


def restart_later(pg, at, mode, outage):
    """Restart the cluster ``at`` seconds from now; ``outage`` gets (went down, back up)."""

    def restart():
        time.sleep(at)
        went_down = time.monotonic()
        pg.restart(mode)
        outage.append((went_down, time.monotonic()))

    thread = threading.Thread(target=restart, daemon=True)
    thread.start()
    return thread


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50, help="residents at once")
    parser.add_argument("--seconds", type=float, default=300.0, help="duration of the run")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers for the site")
    parser.add_argument(
        "--private-postgres",
        action="store_true",
        help="run against a throwaway PostgreSQL cluster instead of BENCH_POSTGRES_URL",
    )
    parser.add_argument(
        "--restart-database-at",
        type=float,
        metavar="S",
        help="restart the (private) database S seconds into the run",
    )
    parser.add_argument(
        "--restart-mode",
        choices=["fast", "immediate"],
        default="fast",
        help="pg_ctl restart -m: fast (sessions ended) or immediate (a crash)",
    )
    parser.add_argument(
        "--ports", type=int, nargs=2, metavar=("SITE", "MOCK"), help="loopback ports"
    )
    args = parser.parse_args()
    restarting = args.restart_database_at is not None

    var_dir = stack.ROOT / "var" / "load"
    var_dir.mkdir(parents=True, exist_ok=True)
    database = private_database if args.private_postgres or restarting else shared_database
    site_port, mock_port = args.ports or (stack.free_port(), stack.free_port())
    site, mock = f"http://127.0.0.1:{site_port}", f"http://localhost:{mock_port}"
    outage = []
    with database("hogeland_load") as (pg, database_url):
        common = {
            "settings": "config.settings.dev",
            "var_dir": var_dir,
            "database_url": database_url,
            "redis_url": REDIS_URL,
            "DEBUG": "false",
            "DIGID_MOCK_CLIENT_ORIGINS": site,
            "TASKS_BACKEND": "django_tasks.backends.dummy.DummyBackend",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            # The load generator is one address: lift the per-visitor limits for this run.
            "RATE_LIMITS_ENABLED": "false",
        }
        mock_env = stack.site_env(site_url=mock, **common, ALLOWED_HOSTS="localhost,127.0.0.1")
        issuer = f"{mock}/digid-mock"
        site_env = stack.site_env(
            site_url=site,
            **common,
            OIDC_OP_ISSUER=issuer,
            OIDC_OP_AUTHORIZATION_ENDPOINT=f"{issuer}/authorize/",
            OIDC_OP_TOKEN_ENDPOINT=f"{issuer}/token/",
            OIDC_OP_USER_ENDPOINT=f"{issuer}/userinfo/",
            OIDC_OP_JWKS_ENDPOINT=f"{issuer}/.well-known/jwks.json",
            OIDC_OP_LOGOUT_ENDPOINT=f"{issuer}/logout/",
        )
        stack.prepare_site(site_env)
        form_url = (
            stack.manage(
                site_env,
                "shell",
                "-c",
                CREATE_FORM.replace("login_required=False", "login_required=True"),
            )
            .strip()
            .splitlines()[-1]
        )
        with (
            stack.app_server(mock_port, mock_env, workers=2),
            stack.app_server(site_port, site_env, workers=args.workers),
        ):
            restarter = (
                restart_later(pg, args.restart_database_at, args.restart_mode, outage)
                if restarting
                else None
            )
            references, errors, server_errors, timings, flows, elapsed = run(
                site,
                form_url,
                args.clients,
                args.seconds,
                stop_after_errors=None if restarting else 20,
            )
            if restarter is not None:
                restarter.join(timeout=120)
        counted = json.loads(stack.manage(site_env, "shell", "-c", COUNT).strip().splitlines()[-1])

    cases, with_submission = counted["cases"], set(counted["with_submission"])
    site_times = [t for kind, t in timings if kind == "site"]
    mock_times = [t for kind, t in timings if kind == "mock"]
    print(
        f"{args.clients} residents, {elapsed:.0f} s: {len(references)} confirmations, "
        f"{counted['submissions']} stored submissions, {len(cases)} cases "
        f"({len(set(cases))} distinct references)"
    )
    not_stored = [r for r in references if r not in with_submission]
    repeated = len(references) - len(set(references)) + len(cases) - len(set(cases))
    print(
        f"accepted = stored: {'yes' if not not_stored and not repeated else 'NO'} "
        f"({len(not_stored)} confirmed but not stored, {repeated} repeated references, "
        f"{len(with_submission - set(references))} stored without a confirmation seen)"
    )
    print(f"submissions per second: {len(references) / elapsed:.1f}")
    print(f"site responses: {len(site_times)}, p50/p95/p99 ms: {percentiles(site_times)}")
    print(
        f"mock responses: {len(mock_times)}, p50/p95/p99 ms: {percentiles(mock_times)}; "
        f"time in the mock: {sum(mock_times) / max(1e-9, sum(site_times + mock_times)):.0%}"
    )
    print(f"whole submission (login to reference) p50/p95/p99 ms: {percentiles(flows)}")
    late = server_errors
    if restarting:
        if not outage:
            sys.exit("FAILED: the database restart did not finish")
        down, up = outage[0]
        late = [(t, status) for t, status in server_errors if t > up + 1]
        print(
            f"database restart (-m {args.restart_mode}) at {args.restart_database_at:.0f} s, "
            f"back after {up - down:.1f} s; 5xx during or just after it: "
            f"{len(server_errors) - len(late)}, later: {len(late)}"
        )
    print(f"5xx responses: {len(server_errors)}")
    print(f"errors: {len(errors)}" + (f", first: {errors[0]}" if errors else ""))
    failed = []
    if not_stored or repeated:
        failed.append("confirmations and stored submissions differ")
    if late or (errors and not restarting):
        failed.append("errors")
    if restarting and not references:
        failed.append("no confirmations")
    if failed:
        sys.exit("FAILED: " + ", ".join(failed))


if __name__ == "__main__":
    main()

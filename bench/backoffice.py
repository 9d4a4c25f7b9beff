"""The back office at 1,000 and at 100,000 cases: does a page stay as fast as the data grows?

Starts the site with production settings under gunicorn (2 workers x 4 threads) on a loopback
port, against a PostgreSQL database of its own (`hogeland_bench_backoffice`, created and
dropped here; `BENCH_DATABASE_URL` to change) and Redis database 15. Seeds the demo, adds
load data (`manage.py generate_load_data`: cases and ten contact moments per case, each on a
norm clock, spread over a year), runs VACUUM ANALYZE and `check_norms` as production would,
logs in as staff (password only: ``STAFF_TWO_FACTOR_REQUIRED=false`` for the server it starts)
and times, one request after another on a keep-alive connection:

- the case list (a team member's view of all their cases),
- a team queue: the team's overdue cases, and the team's task queue,
- the "Servicenormen" dashboard as a team member and as a superuser (all teams), with the
  week and month figures cached as `check_norms` leaves them, and once with a cold cache.

Then it grows the data to the large size and measures again. It prints the median time per
page at both sizes and the ratio (goal: large/small <= 1.5). Traffic goes to 127.0.0.1 only.

    .venv/bin/python bench/backoffice.py                      # 1,000 and 100,000 cases
    .venv/bin/python bench/backoffice.py --large 20000 --contacts-per-case 5
    .venv/bin/python bench/backoffice.py --reuse     # keep one database per size, reuse it

With ``--reuse`` the 100,000-case database (about 1.1 million contact moments) is generated
once, from a copy of the 1,000-case one, and later runs only migrate and re-measure it.
"""

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve_pages import BENCH_DIR, ROOT, environment, free_port, serving  # noqa: E402
from submit_forms import Resident  # noqa: E402

DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hogeland_bench_backoffice"
)
TEAM = "openbare-ruimte"
MEMBER = "openbareruimte"
SUPERUSER = "beheerder"
PASSWORD = "Hogeland-demo-2026"
GOAL = 1.5
URLS = f"""
import json
from django.urls import NoReverseMatch, reverse
from contacts.models import Team

def first(*candidates):
    for name, args in candidates:
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            pass
    return ""

team = Team.objects.get(slug="{TEAM}")
cases = first(("cases_case:index", ())) or "/admin/cases/case/"
print(json.dumps({{
    "case list": cases,
    "team queue: overdue cases": f"{{cases}}?queue=te-laat&team={{team.pk}}",
    "team queue: tasks": first(("contacts_admin:team_work", ("{TEAM}",))),
    "dashboard": reverse("contacts_dashboard"),
}}))
"""
CLEAR_DASHBOARD_CACHE = "from contacts.backoffice.dashboard import cache_clear; cache_clear()"
# Where the time goes at the large size: per page the queries, their total and the slowest.
QUERIES = f"""
import json, time
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

client = Client(HTTP_HOST="127.0.0.1", headers={{"X-Forwarded-Proto": "https"}})
client.force_login(get_user_model().objects.get(username="{MEMBER}"))
report = {{}}
for name, path in json.loads(URLS_JSON).items():
    if not path:
        continue
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    slowest = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:3]
    report[name] = [
        len(queries.captured_queries),
        round(sum(float(q["time"]) for q in queries.captured_queries) * 1000),
        [[round(float(q["time"]) * 1000), q["sql"][:150]] for q in slowest],
    ]
print(json.dumps(report))
"""
COUNTS = """
from cases.models import Case
from contacts.models import ContactMoment, NormClock
print(Case.objects.count(), ContactMoment.objects.count(), NormClock.objects.count())
"""


def psql(sql, database="postgres", capture=False):
    url = DATABASE_URL.rsplit("/", 1)[0] + "/" + database
    result = subprocess.run(
        ["psql", url, "-qAtc", sql],
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
    )
    return result.stdout.strip() if capture else ""


def database_exists(name):
    return psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'", capture=True) == "1"


def case_count(name):
    try:
        return int(psql("SELECT count(*) FROM cases_case", name, capture=True))
    except (subprocess.CalledProcessError, ValueError):
        return 0


def manage(env, *args, capture=False):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
    )
    return result.stdout.strip() if capture else ""


def shell(env, code):
    return manage(env, "shell", "-c", code, capture=True).splitlines()[-1]


def generate(env, cases, contacts):
    """Load data goes in with development settings: the command refuses production ones."""
    dev = {
        **env,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DEBUG": "false",
        "DIGID_MOCK_ENABLED": "false",
    }
    started = time.monotonic()
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "generate_load_data",
            "--cases",
            str(cases),
            "--contacts",
            str(contacts),
        ],
        cwd=ROOT,
        env=dev,
        check=True,
    )
    return time.monotonic() - started


def login(port, username):
    client = Resident(port)
    _path, content = client.follow("/admin/login/")
    token = content.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    status, _location, _ = client.request(
        "POST",
        "/admin/login/",
        {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD},
    )
    if status != 302:
        raise RuntimeError(f"login as {username} answered {status}")
    return client


def reconnect(client):
    """A new keep-alive connection: gunicorn closes one left idle for a few seconds."""
    client.conn.close()
    client.conn = http.client.HTTPConnection("127.0.0.1", client.port, timeout=120)


def timed(client, path, repeat):
    """Median and slowest of ``repeat`` requests (after two to warm up), in milliseconds."""
    reconnect(client)
    times = []
    for index in range(repeat + 2):
        started = time.perf_counter()
        status, _location, content = client.request("GET", path)
        elapsed = (time.perf_counter() - started) * 1000
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}")
        if index >= 2:
            times.append(elapsed)
    return statistics.median(times), max(times), len(content)


def measure(env, port, urls, repeat):
    results = {}
    with serving(port, env):
        member, superuser = login(port, MEMBER), login(port, SUPERUSER)
        for name, path in urls.items():
            if path:
                results[name] = timed(member, path, repeat)
        results["dashboard, superuser"] = timed(superuser, urls["dashboard"], repeat)
        shell(env, CLEAR_DASHBOARD_CACHE)
        reconnect(superuser)
        started = time.perf_counter()
        status, _location, content = superuser.request("GET", urls["dashboard"])
        cold = (time.perf_counter() - started) * 1000
        if status != 200:
            raise RuntimeError(f"dashboard answered {status}")
        results["dashboard, superuser, cold cache"] = (cold, cold, len(content))
        member.conn.close()
        superuser.conn.close()
    return results


def prepare(env, label):
    """What production does after a bulk change: statistics, then the 15-minute cron job."""
    psql("VACUUM ANALYZE", env["DATABASE_URL"].rsplit("/", 1)[1])
    started = time.monotonic()
    output = manage(env, "check_norms", capture=True)
    elapsed = time.monotonic() - started
    counts = shell(env, COUNTS).split()
    print(
        f"{label}: {counts[0]} cases, {counts[1]} contact moments, {counts[2]} clocks; "
        f"check_norms {elapsed:.1f} s ({output.splitlines()[-1]})",
        flush=True,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=1000, help="cases, first size")
    parser.add_argument("--large", type=int, default=100000, help="cases, second size")
    parser.add_argument("--contacts-per-case", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=15, help="timed requests per page")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="one database per size (NAME_1000, NAME_100000), kept and reused by later runs: "
        "only migrations are applied and missing cases generated",
    )
    parser.add_argument("--port", type=int, help="loopback port of the server (default: free)")
    args = parser.parse_args()

    (BENCH_DIR / "root").mkdir(parents=True, exist_ok=True)
    base = DATABASE_URL.rsplit("/", 1)[1]
    sizes = [args.small, args.large]
    names = [f"{base}_{size}" for size in sizes] if args.reuse else [base, base]
    if not args.reuse:
        psql(f"DROP DATABASE IF EXISTS {base}")
    port = args.port or free_port()
    results, queries, env = [], {}, {}
    static_done = False
    try:
        for index, (cases, name) in enumerate(zip(sizes, names, strict=True)):
            env = {**environment(), "DATABASE_URL": DATABASE_URL.rsplit("/", 1)[0] + "/" + name}
            env["TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
            # Staff log in with a password only: the second step is not what is measured.
            env["STAFF_TWO_FACTOR_REQUIRED"] = "false"
            if not database_exists(name):
                if index and args.reuse and database_exists(names[0]):
                    # The large size grows from a copy of the small one.
                    psql(f"CREATE DATABASE {name} TEMPLATE {names[0]}")
                else:
                    psql(f"CREATE DATABASE {name}")
            manage(env, "migrate", "--no-input")
            if not static_done:
                manage(env, "collectstatic", "--no-input")
                static_done = True
            if not case_count(name):
                manage({**env, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}, "seed_demo")
            # The demo's own cases count as load data: they are cases on a list too.
            missing = cases - case_count(name)
            if missing > 0:
                seconds = generate(env, missing, missing * args.contacts_per_case)
                print(f"generate_load_data +{missing} cases: {seconds:.0f} s", flush=True)
            prepare(env, f"{cases} cases")
            urls = json.loads(shell(env, URLS))
            results.append(measure(env, port, urls, args.repeat))
            load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
            print(f"{cases} cases measured; load average {load}", flush=True)
        queries = json.loads(shell(env, QUERIES.replace("URLS_JSON", repr(json.dumps(urls)))))
    finally:
        if not args.keep and not args.reuse:
            psql(f"DROP DATABASE IF EXISTS {base}")

    small, large = results
    if queries:
        print(f"\nqueries of each page at {sizes[1]} cases, as {MEMBER}:")
        for page, (count, total, slowest) in queries.items():
            print(f"  {page}: {count} queries, {total} ms in SQL; slowest:")
            for ms, sql in slowest:
                print(f"    {ms:>4} ms  {sql}")
    print()
    header = f"{'page (median ms)':<36}{sizes[0]:>10}{sizes[1]:>10}{'ratio':>8}{'max ms':>9}"
    print(header)
    failed = False
    for page in small:
        ratio = large[page][0] / small[page][0]
        cold = "cold cache" in page
        failed |= ratio > GOAL and not cold
        mark = "" if cold else (" ok" if ratio <= GOAL else " TOO SLOW")
        print(
            f"{page:<36}{small[page][0]:>10.0f}{large[page][0]:>10.0f}{ratio:>8.2f}"
            f"{large[page][1]:>9.0f}{mark}"
        )
    print(f"goal: {sizes[1]}/{sizes[0]} <= {GOAL} (the cold-cache row is for information)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

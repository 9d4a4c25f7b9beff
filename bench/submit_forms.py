"""Submissions per second: N residents completing a multi-step form at once, nothing lost.

Starts the site with production settings under gunicorn (2 workers x 4 threads, as `make run`
and production; BENCH_WORKERS and BENCH_THREADS to compare others) on a loopback port,
against a PostgreSQL database of its own (`hogeland_bench`, created and dropped here;
`BENCH_DATABASE_URL` to change) and Redis database 15. A three-step form without login is
created; each client then, in a loop for a fixed time: opens the form, answers step 1 and 2,
sends the check page and reads the confirmation with its reference. Afterwards it checks that
cases = submissions = confirmations received and that no reference repeats, and prints
submissions per second, the server's CPU per submission (steadier than the rate on a shared
machine), how much of the time the machine's cores were idle, and the ceiling: what the
bare middleware stack answers, divided by the 7 requests of a submission. Traffic goes to
127.0.0.1 only; every loop is bounded.

    .venv/bin/python bench/submit_forms.py --clients 16 --seconds 20

The server runs on the interpreter that runs this script. Production's kind (Debian's
python3, built with profile-guided and link-time optimisation) needed 29-31 ms of gunicorn CPU
per submission where a default pyenv build needed 33-38 ms (runs in turns); to measure on it:

    /usr/bin/python3 -m venv .venv-debian
    .venv/bin/uv pip install --python .venv-debian/bin/python -r requirements/base.lock
    .venv-debian/bin/python bench/submit_forms.py
"""

import argparse
import http.client
import os
import platform
import re
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve_pages import BENCH_DIR, ROOT, environment, free_port, serving  # noqa: E402

DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hogeland_bench"
)
CREATE_FORM = """
import json, uuid
from cases.models import CaseType
from forms_app.models import FormPage
from wagtail.models import Site

def block(kind, label, **options):
    return {"type": kind, "id": str(uuid.uuid5(uuid.NAMESPACE_URL, label)),
            "value": {"label": label, "required": True, "help_text": "", **options}}

home = Site.objects.get(is_default_site=True).root_page
steps = [
    {"type": "step", "id": str(uuid.uuid5(uuid.NAMESPACE_URL, "s1")), "value": {
        "title": "Wat wilt u melden?", "intro": "", "fields": [
            block("radio", "Soort melding", options="Lamp\\nZwerfafval", in_title=True),
            block("textarea", "Omschrijving")]}},
    {"type": "step", "id": str(uuid.uuid5(uuid.NAMESPACE_URL, "s2")), "value": {
        "title": "Waar en wanneer?", "intro": "", "fields": [
            block("address", "Adres", in_title=True),
            block("date", "Sinds wanneer", future_days=0),
            block("email", "E-mailadres")]}},
]
page = home.add_child(instance=FormPage(
    title="Benchmark melding", slug="benchmark-melding", login_required=False,
    case_type=CaseType.objects.order_by("pk").first(), steps=json.dumps(steps)))
page.save_revision().publish()
print(page.url)
"""
COUNT = """
from cases.models import Case
from forms_app.models import Submission
refs = list(Case.objects.values_list("reference", flat=True))
print(Submission.objects.count(), len(refs), len(set(refs)))
"""


class StepFailed(RuntimeError):
    """A step did not answer as a working site would."""


class Resident:
    """One browser: a keep-alive connection and its cookies (Secure cookies sent over plain
    HTTP on loopback, with X-Forwarded-Proto as a TLS-terminating proxy would set it)."""

    def __init__(self, port):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies = {}

    def request(self, method, path, data=None):
        headers = {
            "X-Forwarded-Proto": "https",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://127.0.0.1:{self.port}"
            headers["Referer"] = f"https://127.0.0.1:{self.port}{path}"
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        content = response.read().decode()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, response.getheader("Location", ""), content

    def follow(self, path):
        status, location, content = self.request("GET", path)
        while status in (301, 302):
            path = location.replace(f"https://127.0.0.1:{self.port}", "")
            status, location, content = self.request("GET", path)
        if status != 200:
            raise StepFailed(f"GET {path} answered {status}")
        return path, content

    def post_step(self, path, content, values):
        # As a browser does: to the form's action (step 1 is shown at the form's own URL and
        # posts to its step URL).
        target, data = step_post(content, values)
        target = target or path
        status, location, _ = self.request("POST", target, data)
        if status != 302:
            raise StepFailed(f"POST {target} answered {status}")
        return self.follow(location)

    def complete(self, form_url, number, *, email="bench@example.nl"):
        path, content = self.follow(form_url)
        for values in answers(number, email=email):
            path, content = self.post_step(path, content, values)
        return re.search(r'data-testid="reference">([^<]+)<', content).group(1)


def step_post(content, values):
    """Where a step page's form posts to (None: its own URL) and what a browser sends: the
    CSRF token, the wizard's step, and ``values(names, content)`` for the step's inputs."""
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1)
    prefix = re.search(r'name="(form-\d+)-current_step" value="([^"]+)"', content)
    names = list(dict.fromkeys(re.findall(r'name="(s_[0-9a-f]+-v_[0-9a-z_]+)"', content)))
    data = {"csrfmiddlewaretoken": token, f"{prefix.group(1)}-current_step": prefix.group(2)}
    data.update(values(names, content))
    form_tag = re.search(r'<form method="post"[^>]*>', content).group(0)
    if "multipart/form-data" in form_tag:
        # The benchmark sends what a browser sends for a form without a file question.
        raise RuntimeError("this step asks for a multipart body; the benchmark sends urlencoded")
    action = re.search(r'<form method="post" action="([^"]+)"', content)
    return (action.group(1) if action else None), data


def answers(number, *, email="bench@example.nl"):
    """What a resident fills in on step 1, step 2 and the check page, in order."""
    return [
        lambda n, c: {n[0]: "Zwerfafval", n[1]: f"Vuilniszakken bij de glasbak ({number})"},
        lambda n, c: dict(zip(n, ["9951AA", "12", "", "1", "11", "2026", email], strict=True)),
        lambda n, c: {
            "controleren-idempotency_key": re.search(
                r'name="controleren-idempotency_key" value="([^"]+)"', c
            ).group(1)
        },
    ]


def run_clients(port, form_url, clients, seconds):
    """Confirmations, errors, elapsed seconds and the CPU seconds this client process used."""
    deadline = time.monotonic() + seconds
    usage = resource.getrusage(resource.RUSAGE_SELF)
    references, errors = [], []

    def worker(index):
        number = 0
        while time.monotonic() < deadline and not errors:
            resident = Resident(port)  # a new visitor each time: a new session
            try:
                references.append(resident.complete(form_url, f"{index}-{number}"))
            except Exception as exc:  # noqa: BLE001 (report any failure, stop the run)
                errors.append(repr(exc))
            finally:
                resident.conn.close()
            number += 1

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    started = time.monotonic()
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(timeout=seconds + 60)
    elapsed = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = after.ru_utime - usage.ru_utime + after.ru_stime - usage.ru_stime
    return references, errors, elapsed, cpu


# GET form (step 1 at once), POST (302), step 2, POST (302), check page, POST (302),
# confirmation.
REQUESTS_PER_SUBMISSION = 7


def bare_requests_per_second(port, clients, seconds) -> float:
    """What the server answers at most: the liveness URL through the whole middleware stack,
    no database, no template. Divided by the requests of one submission it is the ceiling of
    this machine with views that cost nothing."""
    deadline = time.monotonic() + seconds
    counts = [0] * clients

    def worker(index):
        resident = Resident(port)
        try:
            while time.monotonic() < deadline:
                if resident.request("GET", "/health/live/")[0] != 200:
                    raise StepFailed("/health/live/ did not answer 200")
                counts[index] += 1
        finally:
            resident.conn.close()

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(timeout=seconds + 60)
    return sum(counts) / seconds


def processes_cpu():
    """(pid, parent pid, name, CPU seconds used so far) of every process, read from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            name, rest = (entry / "stat").read_text().split(" (", 1)[1].rsplit(")", 1)
        except (OSError, ValueError):  # the process ended meanwhile
            continue
        # After the name: state, ppid, ... utime and stime are fields 14 and 15 of stat.
        fields = rest.split()
        yield int(entry.name), int(fields[1]), name, (int(fields[11]) + int(fields[12])) / ticks


def process_tree_cpu(pid: int) -> float:
    """CPU seconds used so far by a process and its live children (gunicorn's workers): what
    the server itself costs, apart from the clients and the database."""
    return sum(cpu for own, parent, _, cpu in processes_cpu() if pid in (own, parent))


def services_cpu() -> dict[str, float]:
    """CPU seconds used so far by the PostgreSQL and Redis processes on this machine (their
    share of a submission: on two cores it counts as much as the app server's)."""
    totals = {"postgres": 0.0, "redis-server": 0.0}
    for _, _, name, cpu in processes_cpu():
        if name in totals:
            totals[name] += cpu
    return totals


def machine_ticks() -> tuple[int, int]:
    """(idle, all) clock ticks of every core so far, from /proc/stat (idle includes I/O wait)."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return values[3] + values[4], sum(values[:8])


def psql(sql, database_url=DATABASE_URL):
    """Run SQL on the server of ``database_url`` (connected to its maintenance database)."""
    url = database_url.rsplit("/", 1)[0] + "/postgres"
    subprocess.run(["psql", url, "-qc", sql], check=True, stdout=subprocess.DEVNULL)


def manage(env, *args, capture=False):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=capture,
        text=True,
        stdout=None if capture else subprocess.DEVNULL,
    )
    return result.stdout.strip() if capture else ""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16, help="concurrent residents")
    parser.add_argument("--seconds", type=float, default=20.0, help="duration of the run")
    args = parser.parse_args()

    (BENCH_DIR / "root").mkdir(parents=True, exist_ok=True)
    name = DATABASE_URL.rsplit("/", 1)[1]
    psql(f"DROP DATABASE IF EXISTS {name}")
    psql(f"CREATE DATABASE {name}")
    env = {**environment(), "DATABASE_URL": DATABASE_URL}
    env["TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
    try:
        manage(env, "migrate", "--no-input")
        manage(env, "collectstatic", "--no-input")
        manage({**env, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}, "seed_demo")
        form_url = manage(env, "shell", "-c", CREATE_FORM, capture=True).splitlines()[-1]
        port = free_port()
        with serving(port, env) as server:
            # Warm up: every worker compiles templates and fills its caches once.
            run_clients(port, form_url, 4, 2.0)
            before = manage(env, "shell", "-c", COUNT, capture=True).splitlines()[-1].split()
            load = os.getloadavg()[0]
            server_cpu, services = process_tree_cpu(server.pid), services_cpu()
            ticks = machine_ticks()
            references, errors, elapsed, client_cpu = run_clients(
                port, form_url, args.clients, args.seconds
            )
            ticks = [after - before for after, before in zip(machine_ticks(), ticks, strict=True)]
            server_cpu = process_tree_cpu(server.pid) - server_cpu
            services = {k: v - services[k] for k, v in services_cpu().items()}
            bare = bare_requests_per_second(port, args.clients, 5.0)
        after = manage(env, "shell", "-c", COUNT, capture=True).splitlines()[-1].split()
    finally:
        psql(f"DROP DATABASE IF EXISTS {name}")

    submissions = int(after[0]) - int(before[0])
    cases = int(after[1]) - int(before[1])
    unique = int(after[2]) == int(after[1]) and len(set(references)) == len(references)
    # The interpreter's build matters as much as the code (README, "Benchmarks").
    print(f"python {platform.python_version()} ({sys._base_executable})")
    print(f"clients {args.clients}, {elapsed:.1f} s, load average {load:.2f} at the start")
    # The clients share the machine with the server: what they took is not the server's.
    print(f"client CPU: {client_cpu:.1f} s ({100 * client_cpu / elapsed:.0f}% of one core)")
    # Idle cores mean the server waited (locks, the database), not that the machine was full.
    print(f"machine: cores idle {100 * ticks[0] / max(ticks[1], 1):.0f}% of the time")
    print(f"confirmations {len(references)}, submissions {submissions}, cases {cases}")
    print(f"submissions per second: {len(references) / elapsed:.1f}")
    if references:
        # Less dependent on what else the machine does than the rate: the work per submission.
        per = 1000 * server_cpu / len(references)
        print(f"server CPU per submission: {per:.0f} ms (gunicorn, without the database)")
        print(
            "PostgreSQL and Redis CPU per submission: "
            + ", ".join(
                f"{name} {1000 * seconds / len(references):.1f} ms"
                for name, seconds in services.items()
            )
        )
    print(
        f"ceiling: the bare middleware stack answers {bare:.0f} requests/s, at most "
        f"{bare / REQUESTS_PER_SUBMISSION:.0f} submissions/s of {REQUESTS_PER_SUBMISSION} requests"
    )
    if errors:
        print(f"errors: {len(errors)}, first: {errors[0]}")
    if errors or not (len(references) == submissions == cases) or not unique:
        print("FAILED: something was lost, repeated or refused")
        sys.exit(1)
    print("OK: every confirmation is one submission and one case; no reference repeats")


if __name__ == "__main__":
    main()

"""What one form submission costs the app, in process: CPU per request, or instructions.

The same three-step form and answers as bench/submit_forms.py, sent through Django's test
client in this process (production settings, PostgreSQL database `hogeland_cost`, created and
dropped here; Redis database 14). No HTTP server, no concurrency: this measures the app's own
work per submission, which the rate in bench/submit_forms.py depends on.

On a shared machine CPU seconds swing by a third from minute to minute. With --callgrind
the run repeats itself under valgrind and counts the instructions of the measured
submissions only (toggled on and off with callgrind_control): the same code gives the same
count to within a few tenths of a percent, so a change is measured without that noise.

    .venv/bin/python bench/submit_forms_cost.py                  # CPU ms per request type
    .venv/bin/python bench/submit_forms_cost.py --callgrind      # instructions per submission
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve_pages import BENCH_DIR, ROOT, environment  # noqa: E402
from submit_forms import CREATE_FORM, answers, manage, psql, step_post  # noqa: E402

DATABASE_URL = os.environ.get(
    "BENCH_COST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hogeland_cost"
)
HOST = "127.0.0.1"
CONTENT_TYPE = "application/x-www-form-urlencoded"
# As the proxy in front of the app says: the request came over TLS.
HEADERS = {
    "HTTP_X_FORWARDED_PROTO": "https",
    "HTTP_HOST": HOST,
    "HTTP_ORIGIN": f"https://{HOST}",
    "HTTP_REFERER": f"https://{HOST}/",
}


def settings_env() -> dict:
    env = {**environment(), "DATABASE_URL": DATABASE_URL, "ALLOWED_HOSTS": f"{HOST},testserver"}
    env["REDIS_URL"] = os.environ.get("BENCH_COST_REDIS_URL", "redis://127.0.0.1:6379/14")
    env["TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
    return env


def prepare(env) -> str:
    """A fresh database with the demo content and the benchmark's form; its URL."""
    name = DATABASE_URL.rsplit("/", 1)[1]
    psql(f"DROP DATABASE IF EXISTS {name}", DATABASE_URL)
    psql(f"CREATE DATABASE {name}", DATABASE_URL)
    manage(env, "migrate", "--no-input")
    manage(env, "collectstatic", "--no-input")
    manage({**env, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}, "seed_demo")
    return manage(env, "shell", "-c", CREATE_FORM, capture=True).splitlines()[-1]


def drop():
    name = DATABASE_URL.rsplit("/", 1)[1]
    psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", DATABASE_URL)


class Submitter:
    """One browser at a time, as bench/submit_forms.py's residents: 7 requests."""

    def __init__(self):
        from django.test import Client

        # One client, its cookies cleared per submission: a new client per submission would
        # rebuild WhiteNoise's file list each time, which no server does.
        self.client = Client(enforce_csrf_checks=True)
        self.cpu = defaultdict(float)

    def request(self, label, method, path, data=None):
        started = time.process_time()
        if method == "GET":
            response = self.client.get(path, **HEADERS)
        else:
            # As a browser sends a form without a file question (bench/submit_forms.py too).
            response = self.client.post(path, urlencode(data, doseq=True), CONTENT_TYPE, **HEADERS)
        self.cpu[label] += time.process_time() - started
        return response

    def follow(self, label, path):
        response = self.request(label, "GET", path)
        if response.status_code != 200:
            raise RuntimeError(f"GET {path} answered {response.status_code}")
        return response.content.decode()

    def post_step(self, label, content, values):
        action, data = step_post(content, values)
        response = self.request(f"POST {label}", "POST", action, data)
        if response.status_code != 302:
            raise RuntimeError(f"POST {action} answered {response.status_code}")
        return self.follow(f"GET after {label}", response["Location"].split(HOST, 1)[-1])

    def submit(self, form_url, number):
        self.client.cookies.clear()
        content = self.follow("GET form", form_url)
        for label, values in zip(("step 1", "step 2", "check"), answers(number), strict=True):
            content = self.post_step(label, content, values)
        if 'data-testid="reference"' not in content:
            raise RuntimeError("no reference on the confirmation page")


def callgrind(switch: str):
    subprocess.run(
        ["callgrind_control", "-i", switch, str(os.getpid())], check=True, capture_output=True
    )


def measure(form_url, submissions, warm_up, under_callgrind):
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import gc

    submitter = Submitter()
    for number in range(warm_up):
        submitter.submit(form_url, f"warm-{number}")
    # As the gunicorn workers do (config/gunicorn.py): loaded objects out of the collector.
    gc.collect()
    gc.freeze()
    submitter.cpu.clear()
    if under_callgrind:
        callgrind("on")
    started = time.process_time()
    for number in range(submissions):
        submitter.submit(form_url, number)
    total = time.process_time() - started
    if under_callgrind:
        callgrind("off")
    from django.db import connections

    connections.close_all()
    return total, submitter.cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=200)
    parser.add_argument("--warm-up", type=int, default=30)
    parser.add_argument("--callgrind", action="store_true", help="count instructions")
    parser.add_argument("--form-url", help=argparse.SUPPRESS)  # the run under valgrind
    args = parser.parse_args()
    env = settings_env()

    if args.form_url:  # inside valgrind: the database is ready
        os.environ.update(env)
        total, cpu = measure(args.form_url, args.submissions, args.warm_up, True)
        return

    (BENCH_DIR / "root").mkdir(parents=True, exist_ok=True)
    try:
        form_url = prepare(env)
        if args.callgrind:
            if not shutil.which("valgrind"):
                sys.exit("valgrind is not installed (Debian: apt-get install valgrind)")
            submissions = min(args.submissions, 20)
            out = BENCH_DIR / "callgrind.out"
            result = subprocess.run(
                [
                    "valgrind",
                    "--tool=callgrind",
                    "--instr-atstart=no",
                    f"--callgrind-out-file={out}",
                    sys.executable,
                    __file__,
                    "--form-url",
                    form_url,
                    "--submissions",
                    str(submissions),
                    "--warm-up",
                    str(args.warm_up),
                ],
                cwd=ROOT,
                env={**env, "PYTHONHASHSEED": "0"},
                capture_output=True,
                text=True,
            )
            collected = re.search(r"Collected : (\d+)", result.stderr)
            if result.returncode != 0 or not collected:
                sys.exit(f"the run under valgrind failed:\n{result.stderr[-3000:]}")
            per = int(collected.group(1)) / submissions
            print(f"{submissions} submissions under callgrind (after {args.warm_up} to warm up)")
            print(f"instructions per submission: {per / 1e6:.1f} million")
            return
        os.environ.update(env)
        total, cpu = measure(form_url, args.submissions, args.warm_up, False)
    finally:
        drop()
    print(f"{args.submissions} submissions, in process (after {args.warm_up} to warm up)")
    print(f"CPU per submission: {1000 * total / args.submissions:.1f} ms")
    for label, seconds in cpu.items():
        print(f"  {label:<18} {1000 * seconds / args.submissions:6.2f} ms")


if __name__ == "__main__":
    main()

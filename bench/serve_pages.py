"""Speed of the public site, in one run: queries, uncached and cached pages, the A-Z at scale.

Starts the site with production settings under gunicorn (2 workers x 4 threads) on a loopback
port with a seeded database of its own and prints:

1. SQL queries per page type, made fresh (counted in-process with the same settings);
2. requests per second per page type with the page cache off;
3. size and requests per second of the products and services overview with the demo's
   services and of a second overview with 200, measured in turns, and the ratios;
4. requests per second of a page cache hit next to a static file of the same size served by
   the same server (WhiteNoise), measured in turns, and the ratio.

Traffic goes to 127.0.0.1 only; every loop is bounded.

    make bench            # or: .venv/bin/python bench/serve_pages.py --seconds 5
"""

import argparse
import contextlib
import http.client
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
PAGES = {
    "home": "/",
    "service index": "/producten-en-diensten/",
    "service page": "/producten-en-diensten/paspoort-en-id-kaart/",
    "location": "/contact/gemeentehuis-winsum/",
    "content page": "/over-de-gemeente/",
    "news index": "/nieuws/",
    "news item": "/nieuws/nieuwe-afvalkalender-2027/",
    "search": "/zoeken/?q=paspoort",
}
# Search is never cached: every query is counted.
CACHED = [name for name in PAGES if name != "search"]
INDEX = PAGES["service index"]
SERVICES_AT_SCALE = 200
INDEX_AT_SCALE = "/producten-en-diensten-200/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment() -> dict:
    broker = "https://broker.invalid"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "BSN_HASH_KEY": "bench-only",
        "OIDC_RP_CLIENT_SECRET": "bench-only",
        "OIDC_OP_ISSUER": broker,
        "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{broker}/authorize",
        "OIDC_OP_TOKEN_ENDPOINT": f"{broker}/token",
        "OIDC_OP_USER_ENDPOINT": f"{broker}/userinfo",
        "OIDC_OP_JWKS_ENDPOINT": f"{broker}/jwks",
        "OIDC_OP_LOGOUT_ENDPOINT": f"{broker}/logout",
        "SECURE_SSL_REDIRECT": "false",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "SITE_URL": "http://127.0.0.1",
        # One client address makes all the load: rate limits would answer 429.
        "RATE_LIMITS_ENABLED": "false",
        "VAR_DIR": str(BENCH_DIR),
        "WHITENOISE_ROOT": str(BENCH_DIR / "root"),
        "ALLOWED_HOSTS": "127.0.0.1",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
        # One machine, and its speed measured on the embedded database.
        "ALLOW_SQLITE_IN_PRODUCTION": "true",
        # Production needs Redis; a database of its own so the benchmark touches nothing else.
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15"),
        # The load generator is one address: it must not meet the search rate limit.
        "RATE_LIMIT_SEARCH": "1000000/s",
        # No worker runs here: index the seeded pages for search right away.
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
    }


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def get(port: int, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, body


def load(port: int, path: str, seconds: float, threads: int) -> float:
    """Requests per second over ``seconds``, each thread on one keep-alive connection."""
    deadline = time.monotonic() + seconds
    counts = [0] * threads
    errors = []

    def worker(index):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.monotonic() < deadline:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                errors.append(response.status)
                return
            counts[index] += 1
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.close()

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    started = time.monotonic()
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(timeout=seconds + 30)
    if errors:
        raise RuntimeError(f"{path} answered {errors[0]}")
    return sum(counts) / (time.monotonic() - started)


def count_queries() -> None:
    """In a child process with the bench settings: queries per page, the second visit."""
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    for name, path in PAGES.items():
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            status = client.get(path).status_code
        print(f"{name}\t{status}\t{len(queries.captured_queries)}")


def add_services() -> None:
    """In a child process: a second overview beside the demo's, with SERVICES_AT_SCALE."""
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from cms.models import HomePage, ServiceIndexPage, ServicePage

    index = HomePage.objects.get().add_child(
        instance=ServiceIndexPage(title="Producten en diensten", slug=INDEX_AT_SCALE.strip("/"))
    )
    # No word a benchmarked search looks for ("paspoort").
    words = ["Aanvraag", "Bewijs", "Container", "Melding", "Regeling", "Subsidie", "Vergunning"]
    for n in range(SERVICES_AT_SCALE):
        index.add_child(
            instance=ServicePage(
                title=f"{words[n % len(words)]} {n:03d}",
                slug=f"dienst-{n:03d}",
                summary="Een dienst van de gemeente, in een of twee zinnen uitgelegd.",
            )
        )


def child(env, function: str) -> str:
    result = subprocess.run(
        [sys.executable, __file__, f"--{function}"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="duration per URL")
    parser.add_argument("--threads", type=int, default=8, help="client threads")
    parser.add_argument("--count-queries", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--add-services", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.count_queries:
        return count_queries()
    if args.add_services:
        return add_services()

    shutil.rmtree(BENCH_DIR, ignore_errors=True)
    (BENCH_DIR / "root").mkdir(parents=True)
    port = free_port()
    env = environment()
    uncached_env = {**env, "PAGE_CACHE_SECONDS": "0"}
    manage(env, "migrate", "--no-input")
    manage(env, "collectstatic", "--no-input")
    manage({**env, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}, "seed_demo")
    child(env, "add-services")

    def rps(path):
        # Warm up first: each worker compiles templates and fills its caches once.
        load(port, path, 1.0, args.threads)
        return load(port, path, args.seconds, args.threads)

    def paired(first, second, rounds=4):
        """Two URLs in turns, so a change in the machine's load hits both alike."""
        load(port, first, 1.0, args.threads)
        load(port, second, 1.0, args.threads)
        totals = [0.0, 0.0]
        for _ in range(rounds):
            totals[0] += load(port, first, args.seconds / rounds, args.threads)
            totals[1] += load(port, second, args.seconds / rounds, args.threads)
        return totals[0] / rounds, totals[1] / rounds

    print("1. SQL queries per page, made fresh (goal: at most 10)")
    for line in child(uncached_env, "count-queries").splitlines():
        name, status, count = line.split("\t")
        print(f"   {name:<16}{count:>4}{'' if status == '200' else f'  (status {status})'}")

    print("\n2. Requests per second with the page cache off")
    sizes = {}
    with serving(port, uncached_env):
        for name, path in PAGES.items():
            status, body = get(port, path)
            if status != 200:
                raise RuntimeError(f"{path} answered {status}")
            sizes[name] = len(body)
            print(f"   {name:<16}{sizes[name]:>7} bytes{rps(path):>8.0f} req/s")
        small_rps, large_rps = paired(INDEX, INDEX_AT_SCALE)
        large_size = len(get(port, INDEX_AT_SCALE)[1])

    small_size = sizes["service index"]
    print("\n3. Products and services overview, page cache off (goal: within 20% at scale)")
    print(f"   {'services':<16}{'bytes':>7}{'req/s':>8}")
    print(f"   {'demo':<16}{small_size:>7}{small_rps:>8.0f}")
    print(f"   {SERVICES_AT_SCALE:<16}{large_size:>7}{large_rps:>8.0f}")
    print(f"   ratio {large_size / small_size:.2f} in size, {large_rps / small_rps:.2f} in speed")

    with serving(port, env):
        for name in CACHED:
            get(port, PAGES[name])
            status, body = get(port, PAGES[name])
            (BENCH_DIR / "root" / f"static-{name.replace(' ', '-')}.html").write_bytes(body)

    # WhiteNoise indexes its files at start-up: restart so it serves the new ones.
    print("\n4. Page cache hit next to a static file of the same size (goal: ratio >= 0.8)")
    print(f"   {'page':<16}{'bytes':>7}{'hit req/s':>11}{'static req/s':>14}{'ratio':>7}")
    with serving(port, env):
        for name in CACHED:
            static_path = f"/static-{name.replace(' ', '-')}.html"
            page_rps, static_rps = paired(PAGES[name], static_path)
            size = (BENCH_DIR / "root" / static_path.lstrip("/")).stat().st_size
            print(
                f"   {name:<16}{size:>7}{page_rps:>11.0f}{static_rps:>14.0f}"
                f"{page_rps / static_rps:>7.2f}"
            )


@contextlib.contextmanager
def serving(port: int, env: dict):
    """gunicorn with production settings on a loopback port; yields its process."""
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            os.environ.get("BENCH_WORKERS", "2"),
            "--threads",
            os.environ.get("BENCH_THREADS", "4"),
            "--no-control-socket",
            # As production runs it: the hooks that keep the collector off loaded code.
            "--config",
            "config/gunicorn.py",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(150):
            try:
                if get(port, "/health/")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("the server did not start")
        yield server
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()

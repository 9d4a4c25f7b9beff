"""Requests per second for home, a service page and search, next to a static file.

Starts the site with production settings under gunicorn (2 workers x 4 threads) on a loopback
port with a seeded database of its own, measures the size of each page, writes a static file of
that size, restarts the server so WhiteNoise serves those files, then for each URL sends requests
from 8 client threads for a fixed time and prints requests per second and the ratio to the
static file. Traffic goes to 127.0.0.1 only; every loop is bounded.

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
TARGETS = {
    "home": "/",
    "service page": "/producten-en-diensten/paspoort-en-id-kaart/",
    "search": "/zoeken/?q=paspoort",
}


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
        "VAR_DIR": str(BENCH_DIR),
        "WHITENOISE_ROOT": str(BENCH_DIR / "root"),
        "ALLOWED_HOSTS": "127.0.0.1",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
        # Production needs Redis; a database of its own so the benchmark touches nothing else.
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15"),
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="duration per URL")
    parser.add_argument("--threads", type=int, default=8, help="client threads")
    args = parser.parse_args()

    shutil.rmtree(BENCH_DIR, ignore_errors=True)
    (BENCH_DIR / "root").mkdir(parents=True)
    port = free_port()
    env = environment()
    manage(env, "migrate", "--no-input")
    manage(env, "collectstatic", "--no-input")
    manage(env, "seed_demo")

    with serving(port, env):
        sizes = {}
        for name, path in TARGETS.items():
            status, body = get(port, path)
            if status != 200:
                raise RuntimeError(f"{path} answered {status}")
            sizes[name] = len(body)
            (BENCH_DIR / "root" / f"static-{name.replace(' ', '-')}.html").write_bytes(body)

    # WhiteNoise indexes its files at start-up: restart so it serves the new ones.
    with serving(port, env):
        print(f"{'page':<16}{'bytes':>8}{'req/s':>10}{'static req/s':>14}{'ratio':>8}")
        for name, path in TARGETS.items():
            # Warm up first: each worker compiles templates and fills its caches once.
            load(port, path, 1.0, args.threads)
            load(port, f"/static-{name.replace(' ', '-')}.html", 1.0, args.threads)
            page_rps = load(port, path, args.seconds, args.threads)
            static_path = f"/static-{name.replace(' ', '-')}.html"
            static_rps = load(port, static_path, args.seconds, args.threads)
            print(
                f"{name:<16}{sizes[name]:>8}{page_rps:>10.0f}{static_rps:>14.0f}"
                f"{page_rps / static_rps:>8.2f}"
            )


@contextlib.contextmanager
def serving(port: int, env: dict):
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
            "--no-control-socket",
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
        yield
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()

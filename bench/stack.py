"""Start the production stack on loopback ports: app servers, a task worker and Varnish.

Used by the load benchmarks in bench/ and by tests/scaleout/. Every process is started with
its own ports and stopped again when its ``with`` block ends; nothing here talks to anything
but 127.0.0.1.
"""

import contextlib
import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VCL = ROOT / "deploy" / "varnish" / "default.vcl"
BROKER = "https://broker.invalid"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_env(
    *,
    var_dir: Path,
    database_url: str,
    redis_url: str,
    site_url: str,
    settings: str = "config.settings.production",
    **extra: str,
) -> dict:
    """Production settings with throwaway secrets, a broker that is never called, no TLS.

    ``settings="config.settings.dev"`` with ``DEBUG=false`` keeps the mock identity provider
    (production refuses it) for runs that log residents in."""
    broker = (
        {
            "OIDC_OP_ISSUER": BROKER,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{BROKER}/authorize",
            "OIDC_OP_TOKEN_ENDPOINT": f"{BROKER}/token",
            "OIDC_OP_USER_ENDPOINT": f"{BROKER}/userinfo",
            "OIDC_OP_JWKS_ENDPOINT": f"{BROKER}/jwks",
            "OIDC_OP_LOGOUT_ENDPOINT": f"{BROKER}/logout",
            # Production refuses the mock, which a caller's own settings may have turned on.
            "DIGID_MOCK_ENABLED": "false",
        }
        if settings.endswith("production")
        else {}
    )
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("OIDC_OP_")}
    return {
        **inherited,
        **broker,
        "DJANGO_SETTINGS_MODULE": settings,
        "SECRET_KEY": "stack-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "BSN_HASH_KEY": "stack-only",
        "OIDC_RP_CLIENT_SECRET": "stack-only",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "WAGTAILADMIN_BASE_URL": site_url,
        "SITE_URL": site_url,
        "VAR_DIR": str(var_dir),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "LOG_LEVEL": "WARNING",
        "ALLOW_SQLITE_IN_PRODUCTION": "true",
        **extra,
    }


def manage(env: dict, *args: str, timeout: float = 600) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def prepare_site(env: dict) -> None:
    """Migrate, collect static files and load the demo content (seeded with dev settings:
    seed_demo refuses production settings because it creates a demo administrator)."""
    manage(env, "migrate", "--no-input")
    if env["DJANGO_SETTINGS_MODULE"].endswith("production"):
        manage(env, "collectstatic", "--no-input")
    manage({**env, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}, "seed_demo")


def get(port: int, path: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def wait_until_up(port: int, process: subprocess.Popen, path: str = "/", seconds: float = 90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"process on port {port} stopped with {process.returncode}")
        with contextlib.suppress(OSError):
            status, _, _ = get(port, path)
            if status < 500:
                return
        time.sleep(0.3)
    raise RuntimeError(f"nothing answered on port {port} within {seconds} s")


@contextlib.contextmanager
def _running(args: list[str], env: dict | None, log: Path):
    with open(log, "ab") as out:
        process = subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def app_server(port: int, env: dict, *, workers: int = 2, threads: int = 4):
    """gunicorn with the site, as in deploy/systemd/hogeland-web@.service."""
    log = Path(env["VAR_DIR"]) / f"gunicorn-{port}.log"
    args = [
        str(Path(sys.executable).with_name("gunicorn")),
        "config.wsgi",
        "--config",
        "config/gunicorn.py",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--no-control-socket",
    ]
    with _running(args, env, log) as process:
        _listening(log, port, process)
        wait_until_up(port, process, "/health/live/")
        yield process


def _listening(log: Path, port: int, process: subprocess.Popen, seconds: float = 90):
    """Wait for this gunicorn's own word that it listens on ``port``. An answer on the port is
    not enough: another server may hold it, and this gunicorn then retries for a few seconds
    and gives up, while its caller talks to the other server (its database, not this one's)."""
    said = f"Listening at: http://127.0.0.1:{port} ({process.pid})"
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if said in log.read_text(errors="replace"):
            return
        if process.poll() is not None:
            tail = "\n".join(log.read_text(errors="replace").splitlines()[-5:])
            raise RuntimeError(
                f"gunicorn on port {port} stopped with {process.returncode}:\n{tail}"
            )
        time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not listen on port {port} within {seconds} s")


@contextlib.contextmanager
def task_worker(env: dict):
    """``manage.py db_worker``, as in deploy/systemd/hogeland-worker.service."""
    log = Path(env["VAR_DIR"]) / "worker.log"
    with _running([sys.executable, "manage.py", "db_worker"], env, log) as process:
        yield process


def varnish_available() -> bool:
    return shutil.which("varnishd") is not None


@contextlib.contextmanager
def varnish(port: int, backend_ports: list[int]):
    """Varnish with deploy/varnish/default.vcl, its backends moved to ``backend_ports``."""
    workdir = Path(tempfile.mkdtemp(prefix="hogeland-varnish-"))
    workdir.chmod(0o755)
    vcl = VCL.read_text().replace("Host: www.hethogeland.nl", "Host: 127.0.0.1")
    for name, backend_port in zip(
        ("8001", "8002"), backend_ports + backend_ports[:1], strict=False
    ):
        vcl = vcl.replace(f'.port = "{name}";', f'.port = "{backend_port}";')
    (workdir / "default.vcl").write_text(vcl)
    (workdir / "default.vcl").chmod(0o644)
    args = [
        "varnishd",
        "-F",
        "-a",
        f"127.0.0.1:{port}",
        "-f",
        str(workdir / "default.vcl"),
        "-n",
        str(workdir / "instance"),
        "-s",
        "malloc,64m",
        "-T",
        "none",
    ]
    try:
        with _running(args, None, workdir / "varnishd.log") as process:
            wait_until_up(port, process, "/health/live/", seconds=30)
            yield process
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not match:
        raise RuntimeError("no CSRF token in the page")
    return match.group(1)

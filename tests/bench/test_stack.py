"""The production stack's app servers (bench/stack.py) answer for themselves."""

import http.server
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
import stack  # noqa: E402


class Healthy(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


def test_an_app_server_whose_port_another_server_holds_does_not_pass_for_started(tmp_path):
    other = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Healthy)
    threading.Thread(target=other.serve_forever, daemon=True).start()
    port = other.server_address[1]
    env = stack.site_env(
        var_dir=tmp_path,
        database_url=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        redis_url="",
        site_url=f"http://127.0.0.1:{port}",
    )
    try:
        # The other server answers /health/live/ on that port; gunicorn cannot listen there.
        with (
            pytest.raises(RuntimeError, match=f"gunicorn on port {port} stopped"),
            stack.app_server(port, env, workers=1, threads=1),
        ):
            pass
    finally:
        other.shutdown()
        other.server_close()

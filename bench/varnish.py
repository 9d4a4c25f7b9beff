"""Pages through Varnish next to a static file of the same size through the same Varnish.

    .venv/bin/python bench/varnish.py --seconds 6

Starts the site with production settings (SQLite, Redis database 15) under gunicorn and
Varnish with deploy/varnish/default.vcl in front, all on loopback ports. For the home page
and a service page it writes a static file of the same size (served by WhiteNoise, which
Varnish keeps as well), then measures requests per second through Varnish for the page and
for its static twin in alternating rounds, and prints the ratio (goal: at least 0.8). The
alerts in the pages are an edge-side include that Varnish fills on every request.
"""

import argparse
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import stack  # noqa: E402
from serve_pages import load  # noqa: E402

PAGES = {"home": "/", "service page": "/producten-en-diensten/paspoort-en-id-kaart/"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=6.0, help="duration per URL")
    parser.add_argument("--threads", type=int, default=8, help="client threads")
    args = parser.parse_args()
    if not stack.varnish_available():
        sys.exit("varnishd ontbreekt: scripts/ensure-varnish.sh installeert het.")

    var_dir = stack.ROOT / "var" / "bench-varnish"
    shutil.rmtree(var_dir, ignore_errors=True)
    (var_dir / "root").mkdir(parents=True)
    app, front = stack.free_port(), stack.free_port()
    env = stack.site_env(
        var_dir=var_dir,
        database_url=f"sqlite:///{var_dir / 'db.sqlite3'}",
        redis_url="redis://127.0.0.1:6379/15",
        site_url=f"http://127.0.0.1:{front}",
        VARNISH_URL=f"http://127.0.0.1:{front}",
        WHITENOISE_ROOT=str(var_dir / "root"),
        TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    stack.prepare_site(env)

    with stack.app_server(app, env), stack.varnish(front, [app]):
        for name, path in PAGES.items():
            status, _headers, body = stack.get(front, path)
            if status != 200:
                raise RuntimeError(f"{path} answered {status}")
            (var_dir / "root" / f"static-{name.replace(' ', '-')}.html").write_bytes(body)

    # WhiteNoise indexes its files at start-up: start again so it serves the new ones.
    print(f"{'page':<14}{'bytes':>7}{'page req/s':>12}{'static req/s':>14}{'ratio':>7}")
    with stack.app_server(app, env), stack.varnish(front, [app]):
        for name, path in PAGES.items():
            static = f"/static-{name.replace(' ', '-')}.html"
            for url in (path, static):
                load(front, url, 1.0, args.threads)
                if stack.get(front, url)[1].get("x-cache") != "hit":
                    raise RuntimeError(f"{url} does not come from Varnish's cache")
            totals = [0.0, 0.0]
            rounds = 4
            for _ in range(rounds):
                totals[0] += load(front, path, args.seconds / rounds, args.threads)
                totals[1] += load(front, static, args.seconds / rounds, args.threads)
            size = (var_dir / "root" / static.lstrip("/")).stat().st_size
            print(
                f"{name:<14}{size:>7}{totals[0] / rounds:>12.0f}{totals[1] / rounds:>14.0f}"
                f"{totals[0] / totals[1]:>7.2f}"
            )


if __name__ == "__main__":
    main()

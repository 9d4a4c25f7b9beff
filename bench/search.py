"""Search requests per second on SQLite and on PostgreSQL, in one run, side by side.

For each database: a database of its own with the demo content (its synonyms and promoted
results included), the site under gunicorn with production settings (2 workers x 4 threads,
Redis database 15 as in serve_pages.py), then for each query 8 client threads for a fixed time.
Queries: a word found at once, a synonym, a typo (corrected: a second full-text query), and a
search that finds nothing (every fallback runs). The PostgreSQL database is created and
dropped (`BENCH_SEARCH_DATABASE_URL`). Traffic goes to 127.0.0.1 only; every loop is bounded.

    .venv/bin/python bench/search.py --seconds 5
"""

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve_pages import ROOT, environment, free_port, get, load, manage, serving  # noqa: E402

BENCH_DIR = ROOT / "var" / "bench-search"
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/hogeland_bench_search"
QUERIES = {
    "found": "paspoort",
    "synonym": "lantaarnpaal kapot",
    "typo": "paspport",
    "nothing": "hondenuitlaatplaats",
}


def psql(database_url: str, sql: str) -> None:
    url = database_url.rsplit("/", 1)[0] + "/postgres"
    subprocess.run(["psql", url, "-qc", sql], check=True, stdout=subprocess.DEVNULL)


def measure(env: dict, seconds: float, threads: int) -> dict[str, float]:
    manage(env, "migrate", "--no-input")
    manage(env, "collectstatic", "--no-input")
    manage({**env, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}, "seed_demo")
    port = free_port()
    rates = {}
    with serving(port, env):
        for name, query in QUERIES.items():
            path = f"/zoeken/?q={quote(query)}"
            status, _body = get(port, path)
            if status != 200:
                raise RuntimeError(f"{path} answered {status}")
            load(port, path, 1.0, threads)  # warm up: templates, vocabulary, connections
            rates[name] = load(port, path, seconds, threads)
    return rates


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="duration per query")
    parser.add_argument("--threads", type=int, default=8, help="client threads")
    args = parser.parse_args()

    shutil.rmtree(BENCH_DIR, ignore_errors=True)
    results = {}
    for database in ("sqlite", "postgresql"):
        var_dir = BENCH_DIR / database
        (var_dir / "root").mkdir(parents=True)
        env = {
            **environment(),
            "VAR_DIR": str(var_dir),
            "WHITENOISE_ROOT": str(var_dir / "root"),
            # One client address sends every request: the per-address limit would answer 429.
            "RATE_LIMIT_SEARCH": "1000000/m",
        }
        if database == "postgresql":
            url = os.environ.get("BENCH_SEARCH_DATABASE_URL", POSTGRES_URL)
            name = url.rsplit("/", 1)[1]
            psql(url, f"DROP DATABASE IF EXISTS {name}")
            psql(url, f"CREATE DATABASE {name}")
            env["DATABASE_URL"] = url
            try:
                results[database] = measure(env, args.seconds, args.threads)
            finally:
                psql(url, f"DROP DATABASE IF EXISTS {name}")
        else:
            env["DATABASE_URL"] = f"sqlite:///{var_dir / 'db.sqlite3'}"
            results[database] = measure(env, args.seconds, args.threads)

    print(f"{'search':<10}{'query':<22}{'SQLite req/s':>14}{'PostgreSQL req/s':>18}")
    for name, query in QUERIES.items():
        print(
            f"{name:<10}{query:<22}{results['sqlite'][name]:>14.0f}"
            f"{results['postgresql'][name]:>18.0f}"
        )


if __name__ == "__main__":
    main()

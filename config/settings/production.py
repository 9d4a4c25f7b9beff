"""Production: every secret from the environment, HTTPS only, the mock provider off."""

import os
from urllib.parse import urlsplit

os.environ.setdefault("DIGID_MOCK_ENABLED", "false")
# Background work (e-mail, reminders) runs in `manage.py db_worker`, not in the request.
os.environ.setdefault("TASKS_BACKEND", "django_tasks_db.backend.DatabaseBackend")

from django.core.exceptions import ImproperlyConfigured  # noqa: E402

from config.env import env  # noqa: E402
from config.settings.base import *  # noqa: E402,F403
from config.settings.base import DATABASES, DIGID_MOCK_ENABLED  # noqa: E402

if DIGID_MOCK_ENABLED:
    raise RuntimeError("The mock DigiD provider must never run in production.")

# SQLite holds one machine's load (WAL, IMMEDIATE), not several app servers and a worker.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" and not env(
    "ALLOW_SQLITE_IN_PRODUCTION", False
):
    raise RuntimeError(
        "Production runs on PostgreSQL: set DATABASE_URL, or ALLOW_SQLITE_IN_PRODUCTION=true "
        "for a single machine."
    )

# The site's own address: links in e-mails (password reset for staff, follow links, the
# confirmation) and the OIDC redirect. A default would send residents and staff to 127.0.0.1.
for _name in ("WAGTAILADMIN_BASE_URL", "SITE_URL"):
    _url = os.environ.get(_name, "").strip().rstrip("/")
    if urlsplit(_url).scheme not in ("https", "http") or not urlsplit(_url).netloc:
        raise ImproperlyConfigured(
            f"{_name} is required in production: the site's public address, e.g. "
            "https://www.hethogeland.nl (used in e-mail links and the DigiD login)."
        )
    globals()[_name] = _url

# seed_demo creates staff accounts with a published password: never here.
DEMO_SEED_ALLOWED = False

# Several processes (app servers, the task worker, `publish_scheduled`) must share one cache,
# or a purge after publishing reaches only one of them.
env("REDIS_URL", required=True)

DEBUG = False
# Proxies that append to X-Forwarded-For: the TLS proxy, and Varnish when it is in front.
# Too few and every visitor looks like the proxy: one shared rate-limit bucket, and five wrong
# staff passwords from anyone would lock every staff member out.
TRUSTED_PROXY_COUNT = env("TRUSTED_PROXY_COUNT", 2 if env("VARNISH_URL", []) else 1)
if env("VARNISH_URL", []) and TRUSTED_PROXY_COUNT < 2:
    raise ImproperlyConfigured(
        "With Varnish behind a TLS proxy two proxies append to X-Forwarded-For: "
        "set TRUSTED_PROXY_COUNT=2 (or more)."
    )
SECURE_SSL_REDIRECT = env("SECURE_SSL_REDIRECT", True)
# Load balancers and Varnish probe over plain http inside the network.
SECURE_REDIRECT_EXEMPT = [r"^health/"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True

# The identity provider: absolute https endpoints only. A path would mean "this site", which
# only the mock provider is; it never runs here.
for _name in (
    "OIDC_OP_ISSUER",
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT",
    "OIDC_OP_LOGOUT_ENDPOINT",
):
    if not globals()[_name].startswith("https://"):
        raise RuntimeError(f"{_name} must be an absolute https:// URL of the broker.")

"""Tests: fast hashing, local-memory cache, immediate tasks, in-memory e-mail."""

import os

os.environ.setdefault("SECRET_KEY", "test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("BSN_HASH_KEY", "test-bsn-hash-key")
os.environ.setdefault("DIGID_MOCK_ENABLED", "true")
os.environ.setdefault("OIDC_RP_CLIENT_SECRET", "test-client-secret")
os.environ.setdefault(
    "VAR_DIR", os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "var", "test"))
)
# Tests never share a cache or session store with a running site.
os.environ["REDIS_URL"] = ""
os.environ["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"

from config.settings.base import *  # noqa: E402,F403
from config.settings.base import STORAGES  # noqa: E402
from config.settings.digid_mock import *  # noqa: E402,F403

DEBUG = False
# Django's test client calls itself "testserver".
DIGID_MOCK_CLIENT_ORIGINS = ["http://127.0.0.1:8000", "http://testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The existing tests log staff in with force_login; tests/staffauth turns this on to prove it.
STAFF_TWO_FACTOR_REQUIRED = False
# Every request reads the page cache afresh: tests clear the cache between them.
PAGE_CACHE_LOCAL_MS = 0

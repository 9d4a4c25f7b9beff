"""Development: SQLite, console e-mail, in-process tasks, the mock DigiD provider."""

import os

# Development defaults that must exist before base.py reads them. Never used in production,
# which requires every secret explicitly.
os.environ.setdefault("SECRET_KEY", "dev-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("BSN_HASH_KEY", "dev-only-bsn-hash-key")
os.environ.setdefault("DIGID_MOCK_ENABLED", "true")
os.environ.setdefault("OIDC_RP_CLIENT_SECRET", "dev-only-client-secret")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
os.environ.setdefault("DEBUG", "true")
# The demo staff share a published password on one machine: a second factor protects nothing
# there and would block every walkthrough. STAFF_TWO_FACTOR_REQUIRED=true tries the real flow.
os.environ.setdefault("STAFF_TWO_FACTOR_REQUIRED", "false")

from config.settings.base import *  # noqa: E402,F403
from config.settings.base import STORAGES  # noqa: E402
from config.settings.digid_mock import *  # noqa: E402,F403

WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}

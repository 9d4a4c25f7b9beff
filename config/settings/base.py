"""Settings shared by every environment. Environment variables are read through ``env``."""

import json
from datetime import timedelta
from pathlib import Path

import dj_database_url

from config.env import env

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env("VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env("SECRET_KEY", required=True)
# Separate from SECRET_KEY so rotating one does not orphan every resident's BSN lookup.
BSN_HASH_KEY = env("BSN_HASH_KEY", required=True)
DEBUG = env("DEBUG", False)
ALLOWED_HOSTS = env("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "ops",
    "contacts",
    "cases",
    "forms_app",
    "portal",
    "cms",
    "outbox",
    "demo",
    "staffauth",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "formtools",
    "mozilla_django_oidc",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "django_ratelimit",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "config.staticfiles.HogelandStaticFilesConfig",
    "django.contrib.sitemaps",
    # Form widgets render with the project's templates (templates/forms_app/widgets/).
    "django.forms",
]
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# The mock identity provider: installed and configured by config/settings/digid_mock.py, which
# only the development and test settings load. Here: whether the OIDC endpoints point at it.
DIGID_MOCK_ENABLED = env("DIGID_MOCK_ENABLED", False)

MIDDLEWARE = [
    # First, so every log line of the request carries its id.
    "ops.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "ops.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Alerts are put into every page per request, also into pages served from the cache.
    "cms.middleware.alerts.AlertsMiddleware",
    # Anonymous visitors get Wagtail pages from the cache before sessions, CSRF and the rest
    # run; a stored page carries the headers that stack gave it.
    "cms.middleware.cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Idle and absolute session limits (residents per DigiD, staff their own).
    "portal.middleware.SessionPolicyMiddleware",
    # Staff: a password alone opens nothing; the admin asks for the second factor first.
    "django_otp.middleware.OTPMiddleware",
    "staffauth.middleware.StaffTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # django-csp's middleware, with the identity provider's origin in form-action.
    "portal.middleware.CSPMiddleware",
    "ops.middleware.AdminCSPMiddleware",
    # A reached rate limit (ops.ratelimits) becomes the Dutch 429 page with Retry-After.
    "ops.middleware.RateLimitMiddleware",
    "portal.middleware.PortalCacheControlMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a lockout into the Dutch 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
                # {{ settings.cms.MunicipalitySettings.phone }}: the municipality's details.
                "wagtail.contrib.settings.context_processors.settings",
            ],
            "libraries": {"site_static": "config.static_tags"},
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env("DATABASE_CONN_MAX_AGE", 60),
        # A kept connection is tested (SELECT 1) before its first query in a request: after a
        # database restart or failover a stale one is replaced instead of failing that request.
        conn_health_checks=env("DATABASE_CONN_HEALTH_CHECKS", True),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default under concurrent writes: WAL lets readers go on while one process
    # writes, IMMEDIATE takes the write lock when a transaction starts (a deferred one that
    # upgrades later gets "database is locked" at once, whatever the timeout), and a writer
    # waits up to the busy timeout for its turn instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": env("SQLITE_BUSY_TIMEOUT_SECONDS", 20),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        **DATABASES["default"].get("OPTIONS", {}),
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Parameters travel apart from the SQL (not quoted into it by Python), and psycopg prepares
    # a statement once a kept connection has run it five times: PostgreSQL then no longer parses
    # and plans it. A form submission cost the database 4.0-5.0 ms of CPU instead of 6.0-6.5.
    # Behind PgBouncer in transaction mode this needs PgBouncer 1.21+ with
    # max_prepared_statements set, or DATABASE_SERVER_SIDE_BINDING=false.
    DATABASES["default"]["OPTIONS"] = {
        "server_side_binding": env("DATABASE_SERVER_SIDE_BINDING", True),
        "prepare_threshold": 5,
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", "")
# Redis down must not take the site down: a failed cache call is a miss (pages are made
# fresh, sessions read from the database) and is logged at most once a minute, not per request.
_REDIS_TIMEOUT = env("REDIS_TIMEOUT_MS", 500) / 1000
REDIS_CACHE_OPTIONS = {
    "CLIENT_CLASS": "django_redis.client.DefaultClient",
    "IGNORE_EXCEPTIONS": True,
    "SOCKET_CONNECT_TIMEOUT": _REDIS_TIMEOUT,
    "SOCKET_TIMEOUT": _REDIS_TIMEOUT,
}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "cache.unavailable"
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": REDIS_CACHE_OPTIONS,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Without Redis every process counts its own rate limits: fine on one machine,
    # and production sets REDIS_URL.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out account or address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "portal.auth.DigiDBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "portal:login"

# Staff login (staffauth): a TOTP second factor for everyone with admin access, and lockout
# after repeated failures per account and per address (django-axes, counted in the database
# so every app server sees them; wrong second-factor codes count too).
STAFF_TWO_FACTOR_REQUIRED = env("STAFF_TWO_FACTOR_REQUIRED", True)
OTP_TOTP_ISSUER = "Gemeente Het Hogeland"
# The first app is set up only through an enrolment link that functioneel beheer issues
# (manage.py issue_enrolment_link, or the users list in the admin); it works this long, once.
STAFF_ENROLMENT_LINK_HOURS = env("STAFF_ENROLMENT_LINK_HOURS", 72)
AXES_FAILURE_LIMIT = env("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# Failures stay counted until they expire, whoever logs in next from the same address (a
# resident's DigiD login there must not wipe a guesser's count).
AXES_RESET_ON_SUCCESS = False
# A try during the lock is refused unchecked, so it gives a guesser nothing; it does not restart
# the cool-off either, so the 429 page can tell a staff member how long is left.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "ops.client_ip.client_ip"
AXES_WHITELIST_CALLABLE = "staffauth.lockout.not_a_staff_login"
AXES_LOCKOUT_CALLABLE = "staffauth.lockout.lockout_response"
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code"]
# Residents log in with DigiD only: a page that needs a login sends them there, and Wagtail's
# password form at /_util/login/ is not mounted (config/urls.py).
WAGTAIL_FRONTEND_LOGIN_URL = "/mijn/inloggen/"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# NL Design System CSS comes from the npm registry (`npm ci`), never copied into the repository.
_NLDS = {
    "vendor/utrecht": BASE_DIR / "node_modules/@utrecht/component-library-css/dist",
    "vendor/utrecht-tokens": BASE_DIR / "node_modules/@utrecht/design-tokens/dist",
}
STATICFILES_DIRS += [(prefix, path) for prefix, path in _NLDS.items() if path.is_dir()]
_PRIVATE_BACKEND = env("PRIVATE_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage")
PRIVATE_MEDIA_ROOT = str(env("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "config.staticfiles.StaticFilesStorage"},
    # Residents' uploads: outside MEDIA_ROOT, never served by the web server; downloads go
    # through a view that checks who asks. Object storage: set PRIVATE_STORAGE_BACKEND to
    # "storages.backends.s3.S3Storage" and its AWS_* options.
    "private": {
        "BACKEND": _PRIVATE_BACKEND,
        "OPTIONS": (
            {"location": PRIVATE_MEDIA_ROOT, "base_url": None}
            if _PRIVATE_BACKEND.endswith("FileSystemStorage")
            else {}
        ),
    },
}
# Files served at the site root (e.g. a verification file); empty: none.
WHITENOISE_ROOT = env("WHITENOISE_ROOT", "") or None
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))

# Forms (forms_app): drafts, uploads, adapters. See forms_app/README.md.
FORMS_DRAFT_DAYS = env("FORMS_DRAFT_DAYS", 30)
FORMS_DRAFT_REMINDER_DAYS = env("FORMS_DRAFT_REMINDER_DAYS", 3)
FORMS_RESUME_LINK_HOURS = env("FORMS_RESUME_LINK_HOURS", 72)
FORMS_UPLOAD_MAX_TOTAL_MB = env("FORMS_UPLOAD_MAX_TOTAL_MB", 40)
FORMS_VIRUS_SCANNER = env("FORMS_VIRUS_SCANNER", "forms_app.scanning.NoScanner")
CLAMD_HOST = env("CLAMD_HOST", "127.0.0.1")
CLAMD_PORT = env("CLAMD_PORT", 3310)
CLAMD_TIMEOUT = env("CLAMD_TIMEOUT", 10)
FORMS_ADDRESS_ADAPTER = env("FORMS_ADDRESS_ADAPTER", "forms_app.prefill.address.DemoAddressAdapter")
# The BRP: prefill for forms and the search on the registration screen (contacts/brp.py).
# FORMS_BRP_ADAPTER is its former name, still read.
BRP_ADAPTER = env("BRP_ADAPTER", env("FORMS_BRP_ADAPTER", "contacts.brp.DemoBRPAdapter"))
# The KvK Handelsregister: company name and branches at an eHerkenning login (contacts/kvk.py).
KVK_ADAPTER = env("KVK_ADAPTER", "contacts.kvk.DemoKvKRegister")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Session policy (portal/session.py). Residents, per the DigiD norms: 15 minutes without
# activity, a warning before that, at most 12 hours after the login. Staff keep their own idle
# limit. The store expires each session at its own limit; the cookie ends with the browser.
SESSION_ENGINE = "portal.session"
# With Redis: sessions in Redis, written through to the database so a Redis restart logs
# nobody out. Without: the database only (a per-process cache could keep an ended session).
SESSION_STORE_CACHED = bool(REDIS_URL)
PORTAL_SESSION_IDLE_SECONDS = env("PORTAL_SESSION_IDLE_SECONDS", 15 * 60)
PORTAL_SESSION_WARNING_SECONDS = env("PORTAL_SESSION_WARNING_SECONDS", 2 * 60)
PORTAL_SESSION_ABSOLUTE_SECONDS = env("PORTAL_SESSION_ABSOLUTE_SECONDS", 12 * 60 * 60)
STAFF_SESSION_IDLE_SECONDS = env("STAFF_SESSION_IDLE_SECONDS", 60 * 60)
# Only for a session that is not tracked yet; every tracked one has its own end.
SESSION_COOKIE_AGE = max(PORTAL_SESSION_IDLE_SECONDS, STAFF_SESSION_IDLE_SECONDS)
# Saved only when changed: the activity stamp is written when due (portal.session), so a page
# view costs no session write.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Browsers report violations to ops.csp_report (logged without personal data).
_CSP_REPORTING = {"report-uri": "/csp-rapport/", "report-to": "csp"}
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "object-src": ["'none'"],
        # Plus the identity provider's origin, added per response by
        # portal.middleware.CSPMiddleware from the OIDC endpoints.
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        **_CSP_REPORTING,
    },
}
# The Wagtail admin (set by ops.middleware.AdminCSPMiddleware). Wagtail 8 still writes inline
# <script> blocks (inline panels, date pickers, search promotions) and style attributes, so
# those need 'unsafe-inline'; everything else is held to this site: no script, style, frame,
# connection or form target elsewhere, no plugins, no <base>. The preview is framed by the
# admin itself.
ADMIN_CSP_URL_PREFIXES = ("/admin/",)
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "object-src": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
    "base-uri": ["'self'"],
    **_CSP_REPORTING,
}
# Staff avatars from Gravatar would send a hash of every staff e-mail address elsewhere.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Powerful browser features no page of this site uses.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media",
        "fullscreen", "geolocation", "gyroscope", "magnetometer", "microphone", "midi",
        "payment", "picture-in-picture", "publickey-credentials-get", "screen-wake-lock",
        "sync-xhr", "usb", "xr-spatial-tracking", "interest-cohort", "browsing-topics",
    )
)  # fmt: skip
CSP_REPORT_MAX_BYTES = env("CSP_REPORT_MAX_BYTES", 8 * 1024)
# A failed CSRF check (an expired form, cookies off) gets the site's own page.
CSRF_FAILURE_VIEW = "ops.views.csrf_failure"

# E-mail
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env("EMAIL_USE_TLS", False)
# With EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend: one file per message.
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Gemeente Het Hogeland <noreply@hethogeland.nl>")
# The outbox (outbox/): every e-mail is a row, sent by a task and retried with exponential
# backoff (base, 2x, 4x ... up to the maximum) until sent or given up (all in seconds).
OUTBOX_RETRY_BASE_SECONDS = env("OUTBOX_RETRY_BASE_SECONDS", 60)
OUTBOX_RETRY_MAX_SECONDS = env("OUTBOX_RETRY_MAX_SECONDS", 60 * 60)
OUTBOX_GIVE_UP_AFTER = env("OUTBOX_GIVE_UP_AFTER", 2 * 24 * 60 * 60)
# A row a worker claimed this long ago without reporting back is tried again.
OUTBOX_SENDING_TIMEOUT = env("OUTBOX_SENDING_TIMEOUT", 10 * 60)
OUTBOX_RETENTION_DAYS = env("OUTBOX_RETENTION_DAYS", 30)
# Who gets the daily list of undelivered e-mail; empty: the active superusers.
OUTBOX_ADMIN_EMAILS = env("OUTBOX_ADMIN_EMAILS", [])

# /health/ reports the task queue "behind" when a task has waited longer than this.
HEALTH_TASK_MAX_WAIT_SECONDS = env("HEALTH_TASK_MAX_WAIT_SECONDS", 300)
# Background work: Django's Tasks framework (backport). Immediate in development,
# the database-backed worker (`manage.py db_worker`) in production.
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
    }
}

# Wagtail
WAGTAIL_SITE_NAME = "Gemeente Het Hogeland"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        # Dutch stemming on PostgreSQL ("vergunningen" finds "vergunning"); ignored on SQLite.
        "SEARCH_CONFIG": "dutch",
    }
}
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Staff uploads get the content checks of residents' uploads (cms/admin/uploads.py).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.admin.uploads.CheckedDocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.admin.uploads.CheckedImageForm"

# DigiD and eHerkenning through OpenID Connect (mozilla-django-oidc as relying party).
# Endpoints may be paths (the built-in mock provider): they are resolved against SITE_URL,
# never against the request's Host header. A real broker gets absolute URLs.
SITE_URL = env("SITE_URL", WAGTAILADMIN_BASE_URL)
# `manage.py seed_demo` (demo accounts with a published password); production: False.
DEMO_SEED_ALLOWED = True


def _op_endpoint(name: str, mock_path: str) -> str:
    if DIGID_MOCK_ENABLED:
        return env(name, f"/digid-mock{mock_path}")
    return env(name, required=True)


OIDC_OP_ISSUER = _op_endpoint("OIDC_OP_ISSUER", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = _op_endpoint("OIDC_OP_AUTHORIZATION_ENDPOINT", "/authorize/")
OIDC_OP_TOKEN_ENDPOINT = _op_endpoint("OIDC_OP_TOKEN_ENDPOINT", "/token/")
OIDC_OP_USER_ENDPOINT = _op_endpoint("OIDC_OP_USER_ENDPOINT", "/userinfo/")
OIDC_OP_JWKS_ENDPOINT = _op_endpoint("OIDC_OP_JWKS_ENDPOINT", "/.well-known/jwks.json")
OIDC_OP_LOGOUT_ENDPOINT = _op_endpoint("OIDC_OP_LOGOUT_ENDPOINT", "/logout/")
OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID", "mijn-hogeland")
OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET", required=True)
OIDC_RP_SIGN_ALGO = "RS256"
# Space-separated; a broker may release the BSN only for its own scope ("openid bsn").
OIDC_RP_SCOPES = env("OIDC_RP_SCOPES", "openid")
OIDC_USE_PKCE = True
OIDC_PKCE_CODE_CHALLENGE_METHOD = "S256"
# The ID token carries the BSN (signed, not encrypted): it is never kept in the session, and
# logout goes to the provider without an id_token_hint.
OIDC_STORE_ID_TOKEN = False
OIDC_CREATE_USER = True
OIDC_TIMEOUT = env("OIDC_TIMEOUT", 10)
OIDC_AUTHENTICATION_CALLBACK_URL = "portal:oidc-callback"
OIDC_OP_LOGOUT_URL_METHOD = "portal.auth.provider_logout_url"
OIDC_CALLBACK_CLASS = "portal.views.auth.CallbackView"
LOGIN_REDIRECT_URL = "/mijn/"
LOGIN_REDIRECT_URL_FAILURE = "/"
LOGOUT_REDIRECT_URL = "/"
ALLOW_LOGOUT_GET_METHOD = False
# Claims differ per broker, so their names are settings; a dotted path reaches into a nested
# claim ("attributes.bsn"). A KvK claim makes it an eHerkenning login (a business).
OIDC_BSN_CLAIM = env("OIDC_BSN_CLAIM", "bsn")
OIDC_KVK_CLAIM = env("OIDC_KVK_CLAIM", "kvk")
OIDC_BRANCH_CLAIM = env("OIDC_BRANCH_CLAIM", "vestiging")
OIDC_LOA_CLAIM = env("OIDC_LOA_CLAIM", "acr")
# Where those claims are read: "id_token", or "userinfo" (one more call to the broker).
OIDC_CLAIMS_SOURCE = env("OIDC_CLAIMS_SOURCE", "id_token")
if OIDC_CLAIMS_SOURCE not in ("id_token", "userinfo"):
    raise ValueError("OIDC_CLAIMS_SOURCE must be id_token or userinfo.")
# The broker's acr values mapped to basis/midden/substantieel/hoog: DigiD's SAML
# authentication context classes and eHerkenning's assurance classes. OIDC_LOA_MAP (JSON, e.g.
# {"urn:digid:midden": "midden"}) adds to or overrides these.
OIDC_LOA_MAP = {
    "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport": "basis",
    "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract": "midden",
    "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard": "substantieel",
    "urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI": "hoog",
    "urn:etoegang:core:assurance-class:loa2": "basis",
    "urn:etoegang:core:assurance-class:loa2plus": "midden",
    "urn:etoegang:core:assurance-class:loa3": "substantieel",
    "urn:etoegang:core:assurance-class:loa4": "hoog",
}
try:
    OIDC_LOA_MAP.update(json.loads(env("OIDC_LOA_MAP", "") or "{}"))
except (ValueError, TypeError, AttributeError) as exc:
    raise ValueError('OIDC_LOA_MAP must be a JSON object: {"acr value": "midden", ...}.') from exc
# Extra parameters for the broker's login page (JSON), e.g. {"acr_values": "..."} to ask for a
# minimum level up front, or a broker's own hint which login method to show.
try:
    OIDC_AUTH_REQUEST_EXTRA_PARAMS = json.loads(env("OIDC_AUTH_REQUEST_EXTRA_PARAMS", "") or "{}")
except ValueError as exc:
    raise ValueError("OIDC_AUTH_REQUEST_EXTRA_PARAMS must be a JSON object.") from exc
# Mijn Hogeland needs at least this level (forms set their own): basis, midden, substantieel,
# hoog, or empty for none.
PORTAL_MINIMUM_ASSURANCE = env("PORTAL_MINIMUM_ASSURANCE", "basis")

# Anonymous visitors get Wagtail pages from the cache for this long; purged on publish. 0: off.
PAGE_CACHE_SECONDS = env("PAGE_CACHE_SECONDS", 600)
# Milliseconds each app server process reuses what it read from the page cache (a publish
# reaches the other processes within that time); 0: every hit asks the shared cache.
PAGE_CACHE_LOCAL_MS = env("PAGE_CACHE_LOCAL_MS", 1000)
# Varnish in front (deploy/varnish/default.vcl, docs/deploy.md): every change that purges the
# page cache purges each of these too, through Wagtail's frontend-cache invalidation.
WAGTAILFRONTENDCACHE = {
    f"varnish{number}": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": url,
    }
    for number, url in enumerate(env("VARNISH_URL", []), start=1)
}
# Search counts feed the "Populaire zoekvragen" report (up to a year back).
WAGTAILSEARCH_HITS_MAX_AGE = 400
# Searches that found nothing are kept this long, then removed by `manage.py cms_retention`.
SEARCH_MISS_RETENTION_DAYS = env("SEARCH_MISS_RETENTION_DAYS", 400)
# Without Redis, searches are counted in this file until `manage.py flush_search_counts`.
SEARCH_COUNTS_SPOOL = Path(env("SEARCH_COUNTS_SPOOL", str(VAR_DIR / "search-counts.spool")))

# Reverse proxies in front of the app that append to X-Forwarded-For (production: 1), and
# the addresses they connect from; X-Forwarded-For is read only on their requests.
TRUSTED_PROXY_COUNT = env("TRUSTED_PROXY_COUNT", 0)
TRUSTED_PROXIES = env("TRUSTED_PROXIES", ["127.0.0.1/32", "::1/128"])
RATELIMIT_IP_META_KEY = "ops.client_ip.client_ip"
# Counted in the default cache (Redis in production, shared by every app server). If the
# cache fails, requests are served rather than refused.
RATELIMIT_FAIL_OPEN = True
# Off only for load tests from one address (bench/).
RATELIMIT_ENABLE = env("RATE_LIMITS_ENABLED", True)
# Named limits (ops.ratelimits): a django-ratelimit rate, several separated by spaces. Each is
# overridden by RATE_LIMIT_<NAME>, e.g. RATE_LIMIT_SEARCH="60/m".
RATE_LIMITS = {
    name: env(f"RATE_LIMIT_{name.upper()}", default)
    for name, default in {
        "login": "20/m 100/h",  # the portal's login start (a round trip to the broker)
        "form_step": "60/m",  # each step and the submit of a form
        "search": "30/m",
        "feedback": "5/m 30/d",  # per page
        "mock_login": "30/m",  # the mock DigiD's login page
        "api": "120/m",  # JSON endpoints, per address, also calls with a wrong key
        "webcare": "60/m",  # the webcare API, per key
        "csp_report": "30/m",
    }.items()
}

# Logs: one JSON object per line with the request id (LOG_FORMAT=text for plain lines). The
# filters sit on the handlers, so every logger's records (also django.request and the error
# mail to ADMINS) lose BSNs, e-mail addresses, tokens, codes and secrets (ops.scrub).
LOG_FORMAT = env("LOG_FORMAT", "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "ops.logs.RequestIdFilter"},
        "scrub": {"()": "ops.logs.ScrubFilter"},
    },
    "formatters": {
        "json": {
            "()": "ops.logs.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
        },
        "text": {
            "()": "ops.logs.ScrubbingFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "text",
            "filters": ["request_id", "scrub"],
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["request_id", "scrub"],
        },
    },
    "root": {"handlers": ["console", "mail_admins"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        # The OIDC library logs claims at debug level; claims carry the BSN.
        "mozilla_django_oidc": {"level": "WARNING"},
        "oauth2_provider": {"level": "WARNING"},
        "oauthlib": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}
LOGGING["filters"]["once_a_minute"] = {"()": "ops.log_throttle.OncePerInterval", "seconds": 60}
LOGGING["loggers"]["cache.unavailable"] = {"level": "WARNING", "filters": ["once_a_minute"]}
# Error reports (the mail to ADMINS) without form answers, query strings, variable values or
# personal data in the exception text.
DEFAULT_EXCEPTION_REPORTER = "ops.error_reports.SafeExceptionReporter"
DEFAULT_EXCEPTION_REPORTER_FILTER = "ops.error_reports.SafeReporterFilter"
ADMINS = [("Beheer", address) for address in env("ADMINS", [])]

# --- Incoming e-mail and the webcare API (contacts.mailbox, contacts.api) ------------------
# The mailbox `manage.py read_mailbox` reads: MAILBOX_URL "imaps://user:password@host:993/INBOX"
# (user and password URL-encoded) or "maildir:///path"; else the MAILBOX_IMAP_* settings;
# else a local Maildir at MAILBOX_MAILDIR.
MAILBOX_URL = env("MAILBOX_URL", "")
MAILBOX_IMAP_HOST = env("MAILBOX_IMAP_HOST", "")
MAILBOX_IMAP_PORT = env("MAILBOX_IMAP_PORT", 993)
MAILBOX_IMAP_USER = env("MAILBOX_IMAP_USER", "")
MAILBOX_IMAP_PASSWORD = env("MAILBOX_IMAP_PASSWORD", "")
MAILBOX_IMAP_FOLDER = env("MAILBOX_IMAP_FOLDER", "INBOX")
MAILBOX_IMAP_TIMEOUT = env("MAILBOX_IMAP_TIMEOUT", 30)
MAILBOX_MAILDIR = env("MAILBOX_MAILDIR", "")
# Registered messages are moved here (an IMAP folder, or a Maildir++ subfolder).
MAILBOX_PROCESSED_FOLDER = env("MAILBOX_PROCESSED_FOLDER", "processed")
# Slug of the team that gets incoming e-mail.
MAILBOX_TEAM = env("MAILBOX_TEAM", "informatie")
# Messages read per run; a bigger message is read up to the byte limit and registered with a
# note (the whole message stays in the processed folder); the text kept in the contact.
MAILBOX_BATCH_SIZE = env("MAILBOX_BATCH_SIZE", 200)
MAILBOX_MAX_MESSAGE_BYTES = env("MAILBOX_MAX_MESSAGE_BYTES", 25 * 1024 * 1024)
MAILBOX_MAX_TEXT_CHARS = env("MAILBOX_MAX_TEXT_CHARS", 20_000)
# The API docs (/api/webcare/docs) load Swagger UI from our own static files, not a CDN, so
# they work under the Content-Security-Policy.
INSTALLED_APPS += ["ninja"]

"""Settings shared by every environment. Environment variables are read through ``env``."""

import json
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
    "contacts",
    "cases",
    "forms_app",
    "portal",
    "cms",
    "demo",
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
    "wagtail_modeladmin",
    "modelcluster",
    "taggit",
    "formtools",
    "mozilla_django_oidc",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "django_ratelimit",
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

DIGID_MOCK_ENABLED = env("DIGID_MOCK_ENABLED", False)
if DIGID_MOCK_ENABLED:
    INSTALLED_APPS += ["oauth2_provider", "digid_mock"]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Idle and absolute session limits (residents per DigiD, staff their own).
    "portal.middleware.SessionPolicyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # django-csp's middleware, with the identity provider's origin in form-action.
    "portal.middleware.CSPMiddleware",
    "portal.middleware.PortalCacheControlMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Alerts are put into every page per request, also into pages served from the cache.
    "cms.middleware.alerts.AlertsMiddleware",
    "cms.middleware.cache.PageCacheMiddleware",
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
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env("DATABASE_CONN_MAX_AGE", 60),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Without Redis every process counts its own rate limits: fine on one machine,
    # and production sets REDIS_URL.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

AUTHENTICATION_BACKENDS = [
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
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
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
FORMS_BRP_ADAPTER = env("FORMS_BRP_ADAPTER", "forms_app.prefill.brp.DemoBRPAdapter")

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
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

CONTENT_SECURITY_POLICY = {
    # The Wagtail admin relies on inline scripts and styles; residents' pages do not.
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        # Plus the identity provider's origin, added per response by
        # portal.middleware.CSPMiddleware from the OIDC endpoints.
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
    },
}

# E-mail
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Gemeente Het Hogeland <noreply@hethogeland.nl>")

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

# DigiD and eHerkenning through OpenID Connect (mozilla-django-oidc as relying party).
# Endpoints may be paths (the built-in mock provider): they are resolved against SITE_URL,
# never against the request's Host header. A real broker gets absolute URLs.
SITE_URL = env("SITE_URL", WAGTAILADMIN_BASE_URL)


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
# Search counts feed the "Populaire zoekvragen" report (up to a year back).
WAGTAILSEARCH_HITS_MAX_AGE = 400
# Searches that found nothing are kept this long, then removed by `manage.py cms_retention`.
SEARCH_MISS_RETENTION_DAYS = env("SEARCH_MISS_RETENTION_DAYS", 400)

# Reverse proxies in front of the app that append to X-Forwarded-For (production: 1).
TRUSTED_PROXY_COUNT = env("TRUSTED_PROXY_COUNT", 0)
RATELIMIT_IP_META_KEY = "cms.client_ip.client_ip"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        # The OIDC library logs claims at debug level; claims carry the BSN.
        "mozilla_django_oidc": {"level": "WARNING"},
        "oauth2_provider": {"level": "WARNING"},
        "oauthlib": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}

if DIGID_MOCK_ENABLED:
    from digid_mock.keys import load_or_create_private_key

    DIGID_MOCK_KEY_FILE = Path(env("DIGID_MOCK_KEY_FILE", str(VAR_DIR / "digid_mock_key.pem")))
    # Where the portal runs, as registered with the mock. Any port on 127.0.0.1 (RFC 8252).
    DIGID_MOCK_CLIENT_ORIGINS = env(
        "DIGID_MOCK_CLIENT_ORIGINS", ["http://127.0.0.1:8000", "http://localhost:8000"]
    )
    OAUTH2_PROVIDER = {
        "OIDC_ENABLED": True,
        "OIDC_RSA_PRIVATE_KEY": load_or_create_private_key(DIGID_MOCK_KEY_FILE),
        "PKCE_REQUIRED": True,
        "OIDC_RP_INITIATED_LOGOUT_ENABLED": True,
        "OIDC_RP_INITIATED_LOGOUT_ALWAYS_PROMPT": False,
        "OAUTH2_VALIDATOR_CLASS": "digid_mock.validators.DigiDValidator",
        "SCOPES": {
            "openid": "Inloggen met DigiD of eHerkenning",
            "bsn": "Burgerservicenummer",
            "kvk": "KvK-nummer",
        },
        "DEFAULT_SCOPES": ["openid"],
        "ACCESS_TOKEN_EXPIRE_SECONDS": 300,
        "AUTHORIZATION_CODE_EXPIRE_SECONDS": 60,
    }
    # To try the portal against other brokers' habits: where the identity claims go
    # ("both", "id_token", "userinfo"), the scope they need ("" = openid), and an object to
    # nest them in ("" = flat, e.g. "attributes").
    DIGID_MOCK_CLAIMS_IN = env("DIGID_MOCK_CLAIMS_IN", "both")
    DIGID_MOCK_BSN_SCOPE = env("DIGID_MOCK_BSN_SCOPE", "")
    DIGID_MOCK_KVK_SCOPE = env("DIGID_MOCK_KVK_SCOPE", "")
    DIGID_MOCK_NESTED = env("DIGID_MOCK_NESTED", "")

# Test persons offered on the mock's login page (BSNs from the 999990000-999999999 test range,
# valid by the 11-proef). The demo seed creates matching residents.
DIGID_MOCK_PERSONS = [
    {"bsn": "999990019", "name": "Anna de Vries", "email": "anna@example.nl"},
    {"bsn": "999990020", "name": "Bram Jansen", "email": "bram@example.nl"},
    {"bsn": "999990032", "name": "Cor Bakker", "email": "cor@example.nl"},
]
# Test businesses for the mock's eHerkenning choice (KvK numbers of the KvK test environment).
DIGID_MOCK_BUSINESSES = [
    {"kvk": "68750110", "name": "Bakkerij De Hoogte", "branch": ""},
    {"kvk": "69599084", "name": "Kwekerij Warffum", "branch": "000038509504"},
]

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
# Calls per API key (django-ratelimit rate, e.g. "60/m").
WEBCARE_RATE_LIMIT = env("WEBCARE_RATE_LIMIT", "60/m")
# The API docs (/api/webcare/docs) load Swagger UI from our own static files, not a CDN, so
# they work under the Content-Security-Policy.
INSTALLED_APPS += ["ninja"]

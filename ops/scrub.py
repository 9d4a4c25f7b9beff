"""Remove personal data and secrets from text bound for logs and error reports.

What is recognised: a BSN (nine digits that pass the elfproef), e-mail addresses, OIDC and
other credentials in query strings (code, state, token, ...), bearer tokens and JWTs, Django
signed values, the token in our own link paths (/volgen/<token>/ ...), and the literal values
of the secret settings. Names cannot be recognised in free text: code never logs them, and
values under a sensitive key (``name``, ``email``, ``bsn``, ...) are replaced whole.
"""

import re
from functools import cache

from django.conf import settings

REPLACEMENT = "[verwijderd]"

# Keys (in extra=, dicts, form data) whose values are never logged: these names, or a key
# ending in one of them after "_" ("client_secret", "resident_email").
SENSITIVE_KEYS = frozenset(
    {
        "bsn", "naam", "name", "email", "e-mail", "mail", "phone", "telefoon", "postcode",
        "address", "adres", "token", "code", "state", "nonce", "secret", "password",
        "wachtwoord", "sessionid", "cookie", "csrftoken", "authorization", "signature",
        "api_key", "key",
    }
)  # fmt: skip
# In a query string or form body only ("?code=...", "&state=...", or a text that starts with
# one): "state=FAILED" in a sentence is no credential.
_QUERY_PARAM = re.compile(
    r"(?P<sep>^|[?&])"
    r"(?P<key>[\w-]*(?:code|state|token|nonce|secret|password|code_verifier|email|bsn))"
    r"=(?P<value>[^&\s#\"'<>]+)",
    re.IGNORECASE,
)
# Also percent-encoded, as in a URL: "%40" for the at sign, and a BSN right after an escape
# such as "%20" or "%22" (whose last character is a digit).
_EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+(?:@|%40)[\w-]+(?:\.[\w-]+)+")
_NINE_DIGITS = re.compile(r"(?:(?<!\d)|(?<=%[0-9A-Fa-f]{2}))\d{9}(?!\d)")
_BEARER = re.compile(r"(?i)\b(bearer|basic)\s+[\w.~+/=-]+")
_JWT = re.compile(r"\beyJ[\w-]+\.[\w-]+\.[\w-]*")
_SIGNED = re.compile(r"[\w.-]{8,}:[\w-]{4,}:[\w-]{20,}")
_TOKEN_PATHS = re.compile(r"/(volgen|tevredenheid|bevestigen|hervatten|koppelen)/[^/\s?#\"']+")
_SECRET_SETTINGS = (
    "SECRET_KEY",
    "BSN_HASH_KEY",
    "OIDC_RP_CLIENT_SECRET",
    "EMAIL_HOST_PASSWORD",
    "MAILBOX_IMAP_PASSWORD",
    "FIELD_ENCRYPTION_KEY",
)


def is_bsn(digits: str) -> bool:
    """The elfproef for a BSN: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is a multiple of 11."""
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2, -1), strict=True))
    return total % 11 == 0


def is_sensitive_key(key: str) -> bool:
    key = key.lower()
    return key in SENSITIVE_KEYS or key.rsplit("_", 1)[-1] in SENSITIVE_KEYS - {"key", "code"}


@cache
def _secrets() -> tuple[str, ...]:
    values = (str(getattr(settings, name, "") or "") for name in _SECRET_SETTINGS)
    # Short values would match ordinary words; real secrets are long.
    return tuple(sorted({v for v in values if len(v) >= 8}, key=len, reverse=True))


def text(value: str) -> str:
    if not value:
        return value
    for secret in _secrets():
        value = value.replace(secret, REPLACEMENT)
    value = _JWT.sub("[jwt]", value)
    value = _BEARER.sub(lambda m: f"{m.group(1)} {REPLACEMENT}", value)
    value = _QUERY_PARAM.sub(lambda m: f"{m.group('sep')}{m.group('key')}={REPLACEMENT}", value)
    value = _TOKEN_PATHS.sub(lambda m: f"/{m.group(1)}/{REPLACEMENT}", value)
    value = _SIGNED.sub(REPLACEMENT, value)
    value = _EMAIL.sub("[e-mail]", value)
    return _NINE_DIGITS.sub(lambda m: "[bsn]" if is_bsn(m.group()) else m.group(), value)


def value(item, key: str = ""):
    """A value for a log or report: replaced whole under a sensitive key, else scrubbed."""
    if key and is_sensitive_key(key):
        return REPLACEMENT
    if isinstance(item, str):
        return text(item)
    if isinstance(item, dict):
        return {k: value(v, str(k)) for k, v in item.items()}
    if isinstance(item, list | tuple):
        return type(item)(value(v) for v in item)
    if isinstance(item, int | float | bool) or item is None:
        # Numbers can be a BSN too.
        return text(str(item)) if isinstance(item, int) and is_bsn(str(item)) else item
    return text(str(item))

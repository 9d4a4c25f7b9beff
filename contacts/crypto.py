"""The BSN is never stored in plain text: only a keyed hash, for finding a resident again."""

import hashlib
import hmac

from django.conf import settings
from stdnum.nl import bsn as bsn_number


def normalize_bsn(value: str) -> str:
    return bsn_number.compact(value)


def is_valid_bsn(value: str) -> bool:
    return bsn_number.is_valid(value)


def bsn_hash(value: str) -> str:
    key = settings.BSN_HASH_KEY.encode()
    return hmac.new(key, normalize_bsn(value).encode(), hashlib.sha256).hexdigest()


def _fernet():
    import base64

    from cryptography.fernet import Fernet

    key = hmac.new(settings.SECRET_KEY.encode(), b"bsn-session-token", hashlib.sha256).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def bsn_encrypt(value: str) -> str:
    """An encrypted BSN for the session: prefill from the BRP, never readable in storage."""
    return _fernet().encrypt(normalize_bsn(value).encode()).decode()


def bsn_decrypt(token: str) -> str | None:
    from cryptography.fernet import InvalidToken

    try:
        return _fernet().decrypt(token.encode()).decode()
    except (InvalidToken, ValueError):
        return None

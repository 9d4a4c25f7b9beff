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

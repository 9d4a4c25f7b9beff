"""Human-friendly case references, e.g. ``HH-2026-7KQ4M``.

Random rather than sequential so a reference reveals nothing about volume and cannot be
guessed from a neighbour's. The alphabet leaves out characters people confuse on the phone
(0/O, 1/I/L, 5/S, 2/Z, 8/B). A unique constraint is the real guarantee; the caller retries
on the rare collision.
"""

import secrets

from django.utils import timezone

ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
LENGTH = 6


def new_reference() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"HH-{timezone.localdate().year}-{body}"

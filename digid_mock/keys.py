"""The mock provider's RS256 signing key: generated on first run, kept out of git."""

from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


def load_or_create_private_key(path: Path) -> str:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(
            encoding=serialization.Encoding.PEM,
            format=serialization.PrivateFormat.PKCS8,
            encryption_algorithm=serialization.NoEncryption(),
        )
        # Written under a temporary name first so two processes starting at once never
        # read a half-written key.
        tmp = path.with_suffix(f".{id(pem)}.tmp")
        tmp.write_bytes(pem)
        tmp.chmod(0o600)
        if not path.exists():
            tmp.replace(path)
        else:
            tmp.unlink()
    return path.read_text()

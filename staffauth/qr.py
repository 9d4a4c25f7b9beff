"""The authenticator app's setup: a QR code as inline SVG, and the same secret as text."""

from base64 import b32encode

import segno


def qr_svg(device) -> str:
    # Wagtail's admin is shown in light and dark themes: dark modules on white keep it scannable.
    return segno.make(device.config_url, error="m").svg_inline(
        scale=4, border=4, dark="#000", light="#fff", title="QR-code voor de authenticator-app"
    )


def secret_text(device) -> str:
    """The base32 secret in groups of four, as apps ask for it when typed in."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))

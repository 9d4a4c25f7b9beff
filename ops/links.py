"""Absolute links for e-mail, which is read outside any request.

Residents get links to the public site (SITE_URL); staff get links into the admin
(WAGTAILADMIN_BASE_URL). In production both are set; on one host they are the same.
"""

from django.conf import settings


def site_url(path: str) -> str:
    """A link for a resident: the public site's address plus ``path``."""
    return settings.SITE_URL.rstrip("/") + path


def admin_url(path: str) -> str:
    """A link for staff: the admin's address plus ``path`` (empty when there is no path)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path if path else ""

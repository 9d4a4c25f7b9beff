"""Who needs the second factor, and which admin pages an unverified user may still open."""

from django.urls import reverse

ADMIN_PERMISSION = "wagtailadmin.access_admin"


def needs_second_factor(user) -> bool:
    """Everyone who can use the admin or act as staff (assisted forms, downloads)."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_staff or user.is_superuser or user.has_perm(ADMIN_PERMISSION)


def admin_prefix() -> str:
    return reverse("wagtailadmin_home")


def open_before_second_factor(path: str) -> bool:
    """The second-factor pages themselves, logging in and out, and what those pages load (the
    admin's translations and icons; a redirect there would put a page inside the page)."""
    if path.startswith(reverse("staffauth:verify")):
        return True
    return path in {
        reverse("wagtailadmin_login"),
        reverse("wagtailadmin_logout"),
        reverse("wagtailadmin_javascript_catalog"),
        reverse("wagtailadmin_sprite"),
    }

import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached pages, alert lists and rate limits never carry over from one test to another."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff_of():
    """A staff user in the given team, with the permissions the demo gives team members."""
    from django.contrib.auth.models import Permission

    from tests.contacts.factories import UserFactory

    def make(team, **kwargs):
        user = UserFactory(is_staff=True, **kwargs)
        user.groups.add(team.group)
        team.group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label__in=["cases", "wagtailadmin"],
                codename__in=["access_admin", "view_case", "change_case"],
            )
        )
        return user

    return make

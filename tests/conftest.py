import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path, monkeypatch):
    """Residents' uploads go to a temporary private folder, never into the repository."""
    from django.core.files.storage import FileSystemStorage

    from forms_app.models import Upload

    location = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(location), "base_url": None},
        },
    }
    # The model field resolved its storage when the model was loaded; point it here too.
    monkeypatch.setattr(
        Upload._meta.get_field("file"),
        "storage",
        FileSystemStorage(location=location, base_url=None),
    )
    return location


@pytest.fixture(autouse=True)
def _search_counts_spool(settings, tmp_path):
    """Search counts wait in a file of this test only (cms.search_counts)."""
    settings.SEARCH_COUNTS_SPOOL = tmp_path / "search-counts.spool"


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

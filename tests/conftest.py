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


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """With ``--dist loadgroup`` pytest-xdist keeps an ``xdist_group``'s tests on one worker by
    writing ``@group`` into their node ids. pytest 9.2 no longer reads what pytest-xdist 3.8
    writes (pytest-xdist issue 1386): the group's tests are then handed to both workers without
    a word, and each worker builds the module fixture that was meant to exist once (the
    PostgreSQL-restart test's cluster and app server, the scale-out stack). Such a test fails
    here, before its fixtures are built."""
    if not getattr(item.config.option, "loadgroup", False):
        return  # one process, or another --dist: nothing is grouped
    if item.get_closest_marker("xdist_group") and item.nodeid.rfind("@") <= item.nodeid.rfind("]"):
        pytest.fail(
            "--dist loadgroup did not group this xdist_group test (pytest-xdist could not mark "
            "its node id): it may run beside the rest of its group on another worker. Use the "
            "pytest that requirements/dev.lock pins, or run in one process (-n 0).",
            pytrace=False,
        )

"""The app server's settings file: the hooks that keep the garbage collector off loaded code."""

import gc
import runpy
from pathlib import Path
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

SETTINGS = Path(__file__).resolve().parents[2] / "config" / "gunicorn.py"


@pytest.fixture
def hooks():
    settings = runpy.run_path(str(SETTINGS))
    config = Config()
    # gunicorn checks each hook's arguments when it reads the file: so does this.
    for name in ("post_worker_init", "post_request", "logger_class", "access_log_format"):
        config.set(name, settings[name])
    gc.unfreeze()
    yield settings
    gc.unfreeze()


def _froze(*, since: int, made: list) -> bool:
    """Whether the objects ``made`` after the freeze count was ``since`` were frozen since.

    Not an exact count: a frozen object is still freed when nothing refers to it any more
    (another thread's, a cache entry's), so the count can go down by a few at any time."""
    return gc.get_freeze_count() >= since + len(made) // 2


def test_a_started_worker_hides_its_loaded_code_from_the_collector(hooks):
    hooks["post_worker_init"](SimpleNamespace(nr=0))

    # Django and Wagtail alone are tens of thousands of objects.
    assert gc.get_freeze_count() > 10_000


def test_a_started_worker_has_this_years_holidays_ready(hooks):
    # Else the first answer date a worker works out loads the holiday calendar (half a second).
    from contacts.calendar import _holidays

    _holidays.cache_clear()
    hooks["post_worker_init"](SimpleNamespace(nr=0))

    assert _holidays.cache_info().currsize == 1


def test_after_its_first_requests_a_worker_hides_what_they_loaded_too(hooks):
    worker = SimpleNamespace(nr=0)
    hooks["post_worker_init"](worker)
    at_start = gc.get_freeze_count()
    loaded_later = [["template", n] for n in range(5_000)]

    worker.nr = hooks["FREEZE_AFTER_REQUESTS"] - 1
    hooks["post_request"](worker, None, {}, None)
    assert not _froze(since=at_start, made=loaded_later)

    worker.nr = hooks["FREEZE_AFTER_REQUESTS"]
    hooks["post_request"](worker, None, {}, None)
    assert _froze(since=at_start, made=loaded_later)

    worker.nr += 1
    frozen = gc.get_freeze_count()
    made_after = [["request", n] for n in range(5_000)]
    hooks["post_request"](worker, None, {}, None)
    assert not _froze(since=frozen, made=made_after)


def test_a_busy_worker_hides_them_once_even_when_others_started_first(hooks):
    """With threads, other requests have often started (and been counted) before the 200th
    ends: the freeze must not wait for an exact count."""
    worker = SimpleNamespace(nr=0)
    hooks["post_worker_init"](worker)
    at_start = gc.get_freeze_count()
    loaded_later = [["template", n] for n in range(5_000)]

    worker.nr = hooks["FREEZE_AFTER_REQUESTS"] + 3
    hooks["post_request"](worker, None, {}, None)
    assert _froze(since=at_start, made=loaded_later)

    frozen = gc.get_freeze_count()
    made_after = [["request", n] for n in range(5_000)]
    worker.nr += 1
    hooks["post_request"](worker, None, {}, None)
    assert not _froze(since=frozen, made=made_after)

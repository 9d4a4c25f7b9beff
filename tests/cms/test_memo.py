"""GenerationMemo: what a process keeps per publish generation (menu, header, routes …)."""

import pytest
from django.core.cache import cache

from cms.memo import GenerationMemo
from cms.middleware.cache import purge_page_cache


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_a_value_is_made_once_per_generation_and_again_after_a_publish(db):
    memo, made = GenerationMemo(), []

    def make():
        made.append(len(made) + 1)
        return f"menu {len(made)}"

    assert memo.get("site", make) == "menu 1"
    assert memo.get("site", make) == "menu 1"
    purge_page_cache()
    assert memo.get("site", make) == "menu 2"
    assert made == [1, 2]


def test_keys_beyond_the_limit_are_made_each_time_not_kept(db):
    memo = GenerationMemo(max_entries=2)
    memo.store("a", 1)
    memo.store("b", 2)
    memo.store("c", 3)  # a visitor's Host header or path: the memo does not grow
    assert (memo.lookup("a"), memo.lookup("b"), memo.lookup("c")) == (1, 2, None)
    memo.store("a", 10)  # an existing key may be replaced
    assert memo.lookup("a") == 10
    assert memo.get("c", lambda: "made") == "made"
    assert memo.lookup("c") is None


def test_clear_forgets_everything_at_once(db):
    memo = GenerationMemo()
    memo.store("a", 1)
    memo.clear()
    assert memo.lookup("a") is None
    assert memo.get("a", lambda: 2) == 2


def test_a_request_still_on_the_previous_generation_does_not_throw_away_newer_values(db):
    from cms.middleware.cache import _request_generation, current_generation

    memo = GenerationMemo()
    old = current_generation()
    purge_page_cache()
    memo.store("menu", "new menu")
    token = _request_generation.set(old)  # a page copy kept for a moment after the publish
    try:
        assert memo.lookup("menu") is None
    finally:
        _request_generation.reset(token)
    assert memo.lookup("menu") == "new menu"

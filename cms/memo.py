"""Copies this process keeps until the next publish.

Published content changes only with a new publish generation (``current_generation``), so
what is made from it (the site and page for a URL, the menu, the header, the settings, the
search vocabulary) can be kept in the process for as long as the generation stays the same:
a form's next step then needs no query or cache round trip for them. Each ``GenerationMemo``
holds one generation's values; when the generation changes they are dropped as a whole, so
threads never see a mix of two generations.
"""

from collections.abc import Callable, Hashable
from typing import Any

from cms.middleware.cache import current_generation

_MISSING = object()


class GenerationMemo:
    """Values per key for the current publish generation, at most ``max_entries`` of them:
    when full, new keys are made each time but not kept (keys can come from visitors, a Host
    header or a URL path, and must not push out what is used). A value that changes within a
    generation (a day's footer, a synonyms version) keeps what it depends on in the value,
    under a fixed key."""

    def __init__(self, *, max_entries: int = 1000):
        self.max_entries = max_entries
        # (generation, {key: value}), replaced as a whole: one assignment, safe across threads.
        self._current: tuple[int | None, dict] = (None, {})

    def lookup(self, key: Hashable, default: Any = None) -> Any:
        generation, values = self._current
        if generation != current_generation():
            # Not replaced here: a request still on the previous generation (a page copy kept
            # for a moment after a publish) must not throw away what newer ones stored.
            return default
        return values.get(key, default)

    def store(self, key: Hashable, value: Any) -> None:
        generation = current_generation()
        current = self._current
        if current[0] != generation:
            current = (generation, {})
            self._current = current
        values = current[1]
        if key in values or len(values) < self.max_entries:
            values[key] = value

    def get(self, key: Hashable, make: Callable[[], Any]) -> Any:
        """The kept value for ``key``, made (and kept) the first time in this generation."""
        value = self.lookup(key, _MISSING)
        if value is _MISSING:
            value = make()
            self.store(key, value)
        return value

    def clear(self) -> None:
        """Forget everything (content saved in this process, before a new generation)."""
        self._current = (None, {})

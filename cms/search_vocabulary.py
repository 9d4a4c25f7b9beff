"""The words the website knows, for synonyms, Dutch compound words and spelling suggestions.

Built from the search index of live public pages (so no word of a draft or a private page is
ever suggested) plus the editors' synonyms. It is cached until the next publish (the page
cache generation) or synonym change, and kept per process, so a search request reads it
without a database query.
"""

import bisect
import difflib
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection, transaction
from wagtail.models import Page
from wagtail.search.models import IndexEntry

from cms.memo import GenerationMemo
from cms.middleware.cache import current_generation
from cms.models import SearchSynonym

SYNONYMS_VERSION_KEY = "cms:search:synonyms-version"
_CACHE_KEY = "cms:search:vocabulary:{generation}:{synonyms}"

# Letters and digits, split where the search index splits (FTS5 unicode61, PostgreSQL's parser).
_TOKEN = re.compile(r"[^\W_]+")
# Words that carry no meaning on their own; PostgreSQL's Dutch configuration drops them too.
_STOP_WORDS_TEXT = """
aan al als bij dan dat de die dit een en er het hoe ik in is je kan mijn
met naar niet of om op te tot u uw van voor waar wat wie wil zijn
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
# Parts of compound words shorter than this match too much: "paal" would find "lantaarnpaal"
# and "parkeerpaal" alike, "weg" would find "snelweg". "tegel" finds "stoeptegel".
MIN_HEAD = 5
MIN_MODIFIER = 4
# Endings of Dutch plurals and inflections: "stoeptegels", "klachten", "kapotte".
_ENDINGS = ("", "s", "n", "en", "e", "es", "te")
# Linking letters between the parts of a compound: "omgevingsvergunning", "evenementenvergunning".
_LINKS = ("", "s", "en", "e")
MAX_FORMS = 12


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


@dataclass
class Vocabulary:
    """Word counts (in how many pages a word occurs) and synonym groups."""

    counts: dict[str, int]
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @cached_property
    def _reversed(self) -> list[str]:
        return sorted(word[::-1] for word in self.counts)

    @cached_property
    def _by_length(self) -> dict[int, list[str]]:
        lengths: dict[int, list[str]] = {}
        for word in self.counts:
            if word.isalpha() and len(word) >= 4:
                lengths.setdefault(len(word), []).append(word)
        return lengths

    def knows(self, word: str) -> bool:
        return word in self.counts

    def _ending_with(self, suffix: str) -> list[str]:
        key = suffix[::-1]
        start = bisect.bisect_left(self._reversed, key)
        found = []
        for reversed_word in self._reversed[start:]:
            if not reversed_word.startswith(key):
                break
            found.append(reversed_word[::-1])
        return found

    def forms(self, word: str) -> list[str]:
        """Words on the site that mean the word or a kind of it: plurals, compounds it heads."""
        found = {word} if word in self.counts else set()
        for ending in _ENDINGS:
            form = word + ending
            if form in self.counts:
                found.add(form)
            if len(word) >= MIN_HEAD:
                found.update(
                    longer
                    for longer in self._ending_with(form)
                    if len(longer) - len(form) >= MIN_MODIFIER - 1
                )
        ranked = sorted(found - {word}, key=lambda w: (-self.counts[w], w))
        return [word, *ranked][:MAX_FORMS]

    def split(self, word: str) -> tuple[str, str] | None:
        """An unknown compound as two words the site knows: "stoeptegel" → stoep, tegel."""
        for at in range(MIN_MODIFIER, len(word) - MIN_HEAD + 1):
            modifier, head = word[:at], word[at:]
            if head not in self.counts:
                continue
            for link in _LINKS:
                stem = modifier[: len(modifier) - len(link)] if link else modifier
                if modifier.endswith(link) and len(stem) >= MIN_MODIFIER and stem in self.counts:
                    return stem, head
        return None

    def correction(self, word: str) -> str | None:
        """The word the resident probably meant, if the site has a word that close to it."""
        if len(word) < 4 or not word.isalpha():
            return None
        candidates = [
            known
            for length in range(len(word) - 2, len(word) + 3)
            for known in self._by_length.get(length, ())
            # "losse" is not a typo of "lossen": another form of a word is not a correction.
            if not (known.startswith(word) or word.startswith(known))
        ]
        matches = difflib.get_close_matches(word, candidates, n=3, cutoff=0.8)
        if not matches:
            return None
        best = difflib.SequenceMatcher(None, word, matches[0]).ratio()
        return max(
            (m for m in matches if difflib.SequenceMatcher(None, word, m).ratio() == best),
            key=lambda m: self.counts[m],
        )


def _page_text_columns() -> tuple[str, str]:
    if connection.vendor == "postgresql":
        return "title_text", "body_text"
    return "title", "body"


def _page_word_counts() -> dict[str, int]:
    public_ids = {str(pk) for pk in Page.objects.live().public().values_list("pk", flat=True)}
    page_types = [
        ct.pk
        for ct in ContentType.objects.get_for_models(*(model for model in _page_models())).values()
    ]
    counts: Counter[str] = Counter()
    title, body = _page_text_columns()
    entries = IndexEntry.objects.filter(content_type_id__in=page_types).values_list(
        "object_id", title, body
    )
    for object_id, title_text, body_text in entries.iterator():
        if object_id in public_ids:
            counts.update(set(tokens(f"{title_text or ''} {body_text or ''}")))
    return dict(counts)


def _page_models():
    from django.apps import apps

    return [model for model in apps.get_models() if issubclass(model, Page)]


def _synonym_groups() -> dict[str, tuple[str, ...]]:
    groups: dict[str, dict[str, None]] = {}
    for synonym in SearchSynonym.objects.all():
        phrases = synonym.phrases
        for phrase in phrases:
            groups.setdefault(phrase, {}).update(dict.fromkeys(phrases))
    return {phrase: tuple(group) for phrase, group in groups.items()}


def build_vocabulary() -> Vocabulary:
    return Vocabulary(counts=_page_word_counts(), synonyms=_synonym_groups())


# This process's (synonyms version, vocabulary) for one publish generation.
_memo = GenerationMemo(max_entries=1)


def _bump_synonyms_version() -> None:
    try:
        cache.incr(SYNONYMS_VERSION_KEY)
    except ValueError:
        # Time-based, so a version lost from the cache never brings back an older vocabulary.
        cache.set(SYNONYMS_VERSION_KEY, time.time_ns() // 1000, timeout=None)


def synonyms_changed() -> None:
    _bump_synonyms_version()
    # Again after the commit: a search in between may have built it from the old synonyms.
    transaction.on_commit(_bump_synonyms_version)


def current_vocabulary() -> Vocabulary:
    """This process's copy while nothing was published; else the shared cache; else built."""
    synonyms_version = cache.get(SYNONYMS_VERSION_KEY, 0)
    key = _CACHE_KEY.format(generation=current_generation(), synonyms=synonyms_version)
    kept = _memo.lookup("vocabulary")
    if kept is not None and kept[0] == synonyms_version:
        return kept[1]
    vocabulary = cache.get_or_set(key, build_vocabulary, timeout=24 * 3600)
    _memo.store("vocabulary", (synonyms_version, vocabulary))
    return vocabulary

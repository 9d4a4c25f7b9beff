"""From what a resident typed to the queries the search backend runs, strictest first.

Each word becomes "any of its forms": the word, its plurals, compounds it is the head of
("tegel" also finds "stoeptegels"), and the editors' synonyms ("lantaarnpaal" also finds
"straatverlichting"). An unknown compound is split into two known words ("stoeptegel" →
"stoep" and "tegel", both must occur). When all words together find nothing, the site tries
the spelling it knows ("paspport" → "paspoort") and then any of the words.
"""

from dataclasses import dataclass

from wagtail.search.query import And, Or, PlainText, SearchQuery

from cms.search_vocabulary import STOP_WORDS, Vocabulary, tokens

MAX_WORDS = 12
MAX_PHRASE_WORDS = 4


@dataclass(frozen=True)
class QueryPlan:
    strict: SearchQuery | None
    # The query as the resident probably meant it, when a word is unknown and a close one known.
    suggestion: str = ""
    corrected: SearchQuery | None = None
    relaxed: SearchQuery | None = None
    # Words for PostgreSQL's trigram similarity, the last resort.
    fuzzy_text: str = ""


def _any(queries: list[SearchQuery]) -> SearchQuery:
    return queries[0] if len(queries) == 1 else Or(queries)


def _all(queries: list[SearchQuery]) -> SearchQuery:
    return queries[0] if len(queries) == 1 else And(queries)


class _Planner:
    def __init__(self, vocabulary: Vocabulary):
        self.vocabulary = vocabulary

    def word(self, word: str) -> SearchQuery:
        vocabulary = self.vocabulary
        forms = vocabulary.forms(word)
        if len(forms) == 1 and not vocabulary.knows(word):
            parts = vocabulary.split(word)
            if parts:
                return _all([self.word(part) for part in parts])
        return _any([PlainText(form) for form in forms])

    def phrase(self, phrase: str) -> SearchQuery:
        words = [w for w in phrase.split() if w not in STOP_WORDS] or phrase.split()
        return _all([self.word(w) for w in words])

    def segment(self, alternatives: tuple[str, ...]) -> SearchQuery:
        return _any([self.phrase(p) for p in alternatives])


def _segments(words: list[str], vocabulary: Vocabulary) -> list[tuple[str, tuple[str, ...]]]:
    """(what was typed, what it may mean) per word or synonym phrase, without stop words."""
    segments = []
    at = 0
    while at < len(words):
        for length in range(min(MAX_PHRASE_WORDS, len(words) - at), 0, -1):
            phrase = " ".join(words[at : at + length])
            if phrase in vocabulary.synonyms:
                segments.append((phrase, vocabulary.synonyms[phrase]))
                at += length
                break
        else:
            if words[at] not in STOP_WORDS:
                segments.append((words[at], (words[at],)))
            at += 1
    return segments or [(w, (w,)) for w in words]


def plan(text: str, vocabulary: Vocabulary) -> QueryPlan:
    words = tokens(text)[:MAX_WORDS]
    if not words:
        return QueryPlan(strict=None)
    segments = _segments(words, vocabulary)
    planner = _Planner(vocabulary)
    strict = _all([planner.segment(alternatives) for _typed, alternatives in segments])

    fixes = {}
    for typed, alternatives in segments:
        unknown = (
            alternatives == (typed,)
            and " " not in typed
            and len(vocabulary.forms(typed)) == 1
            and not vocabulary.knows(typed)
            and not vocabulary.split(typed)
        )
        if unknown and (fixed := vocabulary.correction(typed)):
            fixes[typed] = fixed
    suggestion = " ".join(fixes.get(w, w) for w in words) if fixes else ""
    corrected = None
    if fixes:
        # Synonyms apply to what the resident meant: "paspport" → "paspoort" → "reisdocument".
        segments = _segments(tokens(suggestion), vocabulary)
        corrected = _all([planner.segment(alternatives) for _typed, alternatives in segments])
    relaxed = (
        _any([planner.segment(alternatives) for _typed, alternatives in segments])
        if len(segments) > 1
        else None
    )
    fuzzy_words = [typed for typed, _alternatives in segments]
    return QueryPlan(
        strict=strict,
        suggestion=suggestion,
        corrected=corrected,
        relaxed=relaxed,
        fuzzy_text=" ".join(fuzzy_words),
    )

"""The B1 rules for Dutch text: long sentences, long words, jargon, passive voice, a verdict.

The limits follow the usual advice for B1 (taalniveau B1): at most 20 words in a sentence and
an average of about 15, and words of at most 15 letters. Jargon comes from the list editors keep
in the admin ("Moeilijke woorden"). The rules live here only: the panel in the page editor, the
live update while typing and the approver's overview all call :func:`analyse`.
"""

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

MAX_SENTENCE_WORDS = 20
MAX_AVERAGE_SENTENCE_WORDS = 15
MAX_WORD_LETTERS = 15

# Abbreviations after which a full stop does not end the sentence.
ABBREVIATIONS = {
    "a.s",
    "blz",
    "ca",
    "d.w.z",
    "dhr",
    "e.d",
    "enz",
    "etc",
    "excl",
    "i.p.v",
    "incl",
    "jl",
    "m.b.t",
    "mevr",
    "mr",
    "nl",
    "nr",
    "o.a",
    "t.a.v",
    "vgl",
    "z.s.m",
    "zgn",
    "bijv",
    "bv",
}

_BLOCK_TAG = re.compile(
    r"</?(?:p|div|h[1-6]|li|ul|ol|tr|td|th|table|blockquote)\b[^>]*>|<br\s*/?>", re.I
)
_TAG = re.compile(r"<[^>]+>")
_URL_OR_EMAIL = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:nl|com|org|net|eu|info|be|de)\b(?:/\S*)?",
    re.I,
)
_SENTENCE_END = re.compile(r"([.!?]+)[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9À-Ý])")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_PLACEHOLDER = "x"  # an address still counts as one word in its sentence


@dataclass(frozen=True)
class LongSentence:
    text: str
    words: int
    field: str = ""


@dataclass(frozen=True)
class LongWord:
    word: str
    letters: int
    field: str = ""


@dataclass(frozen=True)
class JargonHit:
    term: str
    alternative: str
    field: str = ""


@dataclass(frozen=True)
class PassiveHint:
    text: str
    field: str = ""


@dataclass(frozen=True)
class Verdict:
    level: str  # "good", "warning" or "hard"
    label: str
    advice: str


GOOD = Verdict("good", "Goed leesbaar (B1)", "De tekst is goed te lezen voor de meeste inwoners.")
WARNING = Verdict("warning", "Let op", "Een paar zinnen of woorden kunnen eenvoudiger.")
HARD = Verdict("hard", "Moeilijk", "Veel inwoners haken hier af. Maak de tekst eenvoudiger.")
# "Moeilijk" when the average sentence is long, when more than a quarter of the sentences are,
# or when there is a hint for every other sentence (at least this many hints).
HARD_MIN_HINTS = 5


class Jargon:
    """Finds the terms of the jargon list in text, whole words only, in any case."""

    def __init__(self, terms: Mapping[str, str] | None = None):
        self.terms = {
            term.strip().lower(): alt for term, alt in (terms or {}).items() if term.strip()
        }
        words = sorted(self.terms, key=len, reverse=True)
        pattern = "|".join(r"\s+".join(map(re.escape, term.split())) for term in words)
        self._pattern = re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.I) if words else None

    def find(self, text: str) -> list[tuple[str, str]]:
        if self._pattern is None:
            return []
        found = []
        for match in self._pattern.finditer(text):
            term = " ".join(match.group(0).lower().split())
            found.append((term, self.terms.get(term, "")))
        return found


# Passive voice: a form of "worden" with a past participle ("wordt behandeld", "werd
# opgehaald"), or "is/zijn … door" with one ("is door de gemeente verstuurd").
_WORDEN = re.compile(r"\b(?:wordt|worden|werd|werden)\b", re.I)
_ZIJN_DOOR = re.compile(r"\b(?:is|zijn|was|waren)\b.*\bdoor\b", re.I)
_PARTICIPLE = re.compile(r"\b(?:\w*ge\w{2,}|(?:be|ver|ont|her|er)\w{3,})[dt]\b", re.I)
_NOT_PARTICIPLES = re.compile(r"(?:heid|teit|geld|geldt|gebied|gemiddeld|verschillend)$", re.I)


def is_passive(sentence: str) -> bool:
    participles = [
        word for word in _PARTICIPLE.findall(sentence) if not _NOT_PARTICIPLES.search(word)
    ]
    if not participles:
        return False
    return bool(_WORDEN.search(sentence) or _ZIJN_DOOR.search(sentence))


@dataclass
class ReadabilityReport:
    sentence_count: int = 0
    word_count: int = 0
    long_sentences: list[LongSentence] = field(default_factory=list)
    long_words: list[LongWord] = field(default_factory=list)
    jargon: list[JargonHit] = field(default_factory=list)
    passives: list[PassiveHint] = field(default_factory=list)

    @property
    def average_sentence_length(self) -> float:
        if not self.sentence_count:
            return 0.0
        return round(self.word_count / self.sentence_count, 1)

    @property
    def average_too_high(self) -> bool:
        return self.average_sentence_length > MAX_AVERAGE_SENTENCE_WORDS

    @property
    def is_empty(self) -> bool:
        return not self.word_count

    @property
    def hint_count(self) -> int:
        return (
            len(self.long_sentences) + len(self.long_words) + len(self.jargon) + len(self.passives)
        )

    @property
    def has_flags(self) -> bool:
        return bool(self.hint_count or self.average_too_high)

    @property
    def verdict(self) -> Verdict | None:
        """One verdict for the whole page; none without text."""
        if self.is_empty:
            return None
        many_long = len(self.long_sentences) >= 2 and (
            len(self.long_sentences) * 4 > self.sentence_count
        )
        many_hints = self.hint_count >= max(HARD_MIN_HINTS, self.sentence_count / 2)
        if self.average_sentence_length > MAX_SENTENCE_WORDS or many_long or many_hints:
            return HARD
        if self.has_flags:
            return WARNING
        return GOOD

    def __add__(self, other: "ReadabilityReport") -> "ReadabilityReport":
        seen = {word.word.lower() for word in self.long_words}
        seen_terms = {hit.term for hit in self.jargon}
        return ReadabilityReport(
            sentence_count=self.sentence_count + other.sentence_count,
            word_count=self.word_count + other.word_count,
            long_sentences=self.long_sentences + other.long_sentences,
            long_words=self.long_words
            + [word for word in other.long_words if word.word.lower() not in seen],
            jargon=self.jargon + [hit for hit in other.jargon if hit.term not in seen_terms],
            passives=self.passives + other.passives,
        )


def html_to_text(value: str) -> str:
    """Plain text from rich text; the end of a paragraph, heading or list item ends a line."""
    text = _BLOCK_TAG.sub("\n", value)
    text = _TAG.sub("", text)
    return html.unescape(text)


def split_sentences(text: str) -> list[str]:
    """Sentences of plain text. A line break (a heading, a list item) also ends one."""
    sentences = []
    for line in text.splitlines():
        line = " ".join(line.split())
        if not line:
            continue
        start = 0
        for match in _SENTENCE_END.finditer(line):
            before = line[start : match.start()].rsplit(" ", 1)[-1].lstrip("(").lower()
            if match.group(1) == "." and before in ABBREVIATIONS:
                continue
            sentences.append(line[start : match.end()].strip())
            start = match.end()
        sentences.append(line[start:].strip())
    return [sentence for sentence in sentences if sentence]


def _words(sentence: str) -> list[str]:
    return [token for token in sentence.split() if any(ch.isalnum() for ch in token)]


def analyse(text: str, *, field: str = "", jargon: Jargon | None = None) -> ReadabilityReport:
    """Flag sentences over 20 words, words over 15 letters, jargon and passive voice in Dutch
    text or rich text.

    Web and e-mail addresses count as one word in a sentence but are never long words.
    """
    report = ReadabilityReport()
    seen_words = set()
    seen_terms = set()
    for sentence in split_sentences(html_to_text(text)):
        without_addresses = _URL_OR_EMAIL.sub(_PLACEHOLDER, sentence)
        count = len(_words(without_addresses))
        if not count:
            continue
        report.sentence_count += 1
        report.word_count += count
        if count > MAX_SENTENCE_WORDS:
            report.long_sentences.append(LongSentence(text=sentence, words=count, field=field))
        for word in _WORD.findall(without_addresses):
            letters = sum(ch.isalpha() for ch in word)
            if letters > MAX_WORD_LETTERS and word.lower() not in seen_words:
                seen_words.add(word.lower())
                report.long_words.append(LongWord(word=word, letters=letters, field=field))
        for term, alternative in jargon.find(without_addresses) if jargon else []:
            if term not in seen_terms:
                seen_terms.add(term)
                report.jargon.append(JargonHit(term=term, alternative=alternative, field=field))
        if is_passive(without_addresses):
            report.passives.append(PassiveHint(text=sentence, field=field))
    return report

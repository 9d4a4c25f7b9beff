"""A B1 hint for editors: long sentences and long words in Dutch text.

The limits follow the usual advice for B1 (taalniveau B1): at most 20 words in a sentence and
an average of about 15, and words of at most 15 letters. The analysis is a plain function so it
can be tested and reused; :class:`ReadabilityPanel` shows it in the page editor.
"""

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db import models
from wagtail import blocks
from wagtail.admin.panels import Panel
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.rich_text import RichText

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


@dataclass
class ReadabilityReport:
    sentence_count: int = 0
    word_count: int = 0
    long_sentences: list[LongSentence] = field(default_factory=list)
    long_words: list[LongWord] = field(default_factory=list)

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
    def has_flags(self) -> bool:
        return bool(self.long_sentences or self.long_words or self.average_too_high)

    def __add__(self, other: "ReadabilityReport") -> "ReadabilityReport":
        seen = {word.word.lower() for word in self.long_words}
        return ReadabilityReport(
            sentence_count=self.sentence_count + other.sentence_count,
            word_count=self.word_count + other.word_count,
            long_sentences=self.long_sentences + other.long_sentences,
            long_words=self.long_words
            + [word for word in other.long_words if word.word.lower() not in seen],
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


def analyse(text: str, *, field: str = "") -> ReadabilityReport:
    """Flag sentences over 20 words and words over 15 letters in Dutch text or rich text.

    Web and e-mail addresses count as one word in a sentence but are never long words.
    """
    report = ReadabilityReport()
    seen_words = set()
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
    return report


# What the panel reads on a page: these plain fields, and every rich text and StreamField.
TEXT_FIELDS = ("title", "summary", "intro")
EXCLUDED_FIELDS = ("internal_notes",)  # for staff only, not for residents


def _block_texts(block, value) -> Iterator[str]:
    if value is None:
        return
    if isinstance(block, blocks.RichTextBlock):
        yield value.source if isinstance(value, RichText) else str(value)
    elif isinstance(block, (blocks.CharBlock, blocks.TextBlock)):
        yield str(value)
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            yield from _block_texts(child, value.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from _block_texts(block.child_block, item)
    elif isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from _block_texts(child.block, child.value)
    elif isinstance(block, TableBlock):
        for row in (value or {}).get("data") or []:
            yield "\n".join(str(cell) for cell in row if cell)


def _field_text(instance, model_field) -> str:
    value = getattr(instance, model_field.name, None)
    if not value:
        return ""
    if isinstance(model_field, StreamField):
        return "\n".join(text for child in value for text in _block_texts(child.block, child.value))
    return str(value)


def page_texts(
    instance, fields: Iterable[str] | None = None, exclude: Iterable[str] = EXCLUDED_FIELDS
) -> list[tuple[str, str]]:
    """(label, text) for each text field of a page, in the order of the model."""
    texts = []
    for model_field in instance._meta.get_fields():
        if not isinstance(model_field, models.Field) or model_field.name in exclude:
            continue
        if fields is not None:
            wanted = model_field.name in fields
        else:
            wanted = model_field.name in TEXT_FIELDS or isinstance(
                model_field, (RichTextField, StreamField)
            )
        if wanted:
            text = _field_text(instance, model_field)
            if text.strip():
                texts.append((str(model_field.verbose_name), text))
    return texts


def analyse_page(instance, fields=None, exclude=EXCLUDED_FIELDS) -> ReadabilityReport:
    report = ReadabilityReport()
    for label, text in page_texts(instance, fields, exclude):
        report = report + analyse(text, field=label)
    return report


class ReadabilityPanel(Panel):
    """Read-only "Leesbaarheid (B1)" panel: the flags for the content as last saved."""

    def __init__(self, fields=None, exclude=EXCLUDED_FIELDS, **kwargs):
        kwargs.setdefault("heading", "Leesbaarheid (B1)")
        super().__init__(**kwargs)
        self.fields = fields
        self.exclude = exclude

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "fields": self.fields, "exclude": self.exclude}

    class BoundPanel(Panel.BoundPanel):
        template_name = "cms/admin/readability_review.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update(
                report=analyse_page(self.instance, self.panel.fields, self.panel.exclude),
                max_sentence_words=MAX_SENTENCE_WORDS,
                max_average=MAX_AVERAGE_SENTENCE_WORDS,
                max_word_letters=MAX_WORD_LETTERS,
            )
            return context

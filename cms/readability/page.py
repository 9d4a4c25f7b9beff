"""What of a page the B1 rules read: its plain text fields, rich text and StreamField blocks."""

from collections.abc import Iterable, Iterator

from django.db import models
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.rich_text import RichText

from cms.readability.rules import (
    MAX_AVERAGE_SENTENCE_WORDS,
    MAX_SENTENCE_WORDS,
    MAX_WORD_LETTERS,
    Jargon,
    ReadabilityReport,
    analyse,
)

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


def text_field_names(model, fields=None, exclude: Iterable[str] = EXCLUDED_FIELDS) -> list[str]:
    """The names of the fields :func:`page_texts` reads, for filling them from a draft."""
    names = []
    for model_field in model._meta.get_fields():
        if not isinstance(model_field, models.Field) or model_field.name in exclude:
            continue
        if fields is not None:
            wanted = model_field.name in fields
        else:
            wanted = model_field.name in TEXT_FIELDS or isinstance(
                model_field, (RichTextField, StreamField)
            )
        if wanted:
            names.append(model_field.name)
    return names


def page_texts(
    instance, fields: Iterable[str] | None = None, exclude: Iterable[str] = EXCLUDED_FIELDS
) -> list[tuple[str, str]]:
    """(label, text) for each text field of a page, in the order of the model."""
    texts = []
    for name in text_field_names(type(instance), fields, exclude):
        model_field = instance._meta.get_field(name)
        text = _field_text(instance, model_field)
        if text.strip():
            texts.append((str(model_field.verbose_name), text))
    return texts


def analyse_page(
    instance, fields=None, exclude=EXCLUDED_FIELDS, jargon: Jargon | None = None
) -> ReadabilityReport:
    report = ReadabilityReport()
    for label, text in page_texts(instance, fields, exclude):
        report = report + analyse(text, field=label, jargon=jargon)
    return report


def jargon_list() -> Jargon:
    """The jargon list editors keep in the admin ("Moeilijke woorden"), in one query."""
    from cms.models import JargonTerm

    return Jargon(dict(JargonTerm.objects.values_list("term", "alternative")))


def readability_context(report: ReadabilityReport) -> dict:
    """What the panel template needs besides the report: the limits it names."""
    return {
        "report": report,
        "verdict": report.verdict,
        "max_sentence_words": MAX_SENTENCE_WORDS,
        "max_average": MAX_AVERAGE_SENTENCE_WORDS,
        "max_word_letters": MAX_WORD_LETTERS,
    }

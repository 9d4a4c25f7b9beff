"""The field-type registry: one class per kind of question.

A field type knows its editor block (the options an editor sets), the Django form field it
becomes, the JSON shape its answer is stored in (forms_app/README.md), how to show that answer
to a person and how to export it. Adding a type means adding one class in one module of this
package and registering it; nothing else changes.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, ClassVar

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from forms_app.prefill.sources import PrefillSource


class ConditionBlock(blocks.StructBlock):
    question = blocks.CharBlock(
        label=_("Vraag"),
        required=False,
        max_length=200,
        help_text=_("De vraag precies zoals die eerder in het formulier staat."),
    )
    value = blocks.CharBlock(
        label=_("Antwoord"),
        required=False,
        max_length=200,
        help_text=_("Bij ja/nee-vragen: Ja of Nee. Bij meerdere keuzes: één van de opties."),
    )

    class Meta:
        label = _("Alleen tonen als")
        form_classname = "condition-block"
        collapsed = True


@lru_cache(maxsize=256)
def _required_text(field_type: type, language: str | None, question: bool) -> str:
    # A type's message in the active language: translations do not change while the process
    # runs, and every question of every step shown asks for it.
    return str(field_type.required_question if question else field_type.required_message)


class FieldType:
    """Base class; subclasses set ``slug`` and ``label`` and override what differs."""

    slug: ClassVar[str]
    label: ClassVar[str]
    icon: ClassVar[str] = "form"
    # False for content without an answer (a text block).
    has_answer: ClassVar[bool] = True
    # The JSON shape of the answer, as documented in forms_app/README.md.
    json_shape: ClassVar[str] = "string"
    # Where a logged-in resident's answer can come from (forms_app.prefill.sources).
    prefill_sources: ClassVar[tuple[PrefillSource, ...]] = ()
    # A short text that says what is missing: "Vul in: …" or "Kies …" with a name such as
    # "Omschrijving"; with a question ("Waar gaat uw vraag over?") the question as asked.
    required_message: ClassVar[str] = _("Vul in: %(label)s")
    required_question: ClassVar[str] = _("Vul een antwoord in bij ‘%(label)s’")
    # Whether the question, left empty, looks the same to everyone: then the markup of a
    # blank step is made once per form version (StepForm.shared_markup_key). False where
    # the widget shows something of the resident's own (uploads list their files).
    blank_markup_shared: ClassVar[bool] = True

    # --- the editor's block -------------------------------------------------------------
    def option_blocks(self) -> list[tuple[str, blocks.Block]]:
        """Blocks for the options only this type has (options, limits, ...)."""
        return []

    def block(self) -> blocks.StructBlock:
        children = [
            ("label", blocks.CharBlock(label=_("Vraag"), max_length=200)),
            (
                "help_text",
                blocks.CharBlock(label=_("Uitleg bij de vraag"), required=False, max_length=300),
            ),
            (
                "required",
                blocks.BooleanBlock(
                    label=_("Verplicht"),
                    required=False,
                    default=True,
                    help_text=_("Niet verplichte vragen krijgen ‘(niet verplicht)’."),
                ),
            ),
            *self.option_blocks(),
        ]
        if self.prefill_sources:
            choices = [("", _("Niet vooraf invullen"))] + [
                (source.value, source.label) for source in self.prefill_sources
            ]
            children += [
                (
                    "prefill",
                    blocks.ChoiceBlock(
                        choices=choices,
                        required=False,
                        label=_("Vooraf invullen voor ingelogde inwoners"),
                    ),
                ),
                (
                    "read_only",
                    blocks.BooleanBlock(
                        required=False,
                        label=_("Vooraf ingevuld antwoord niet te wijzigen"),
                    ),
                ),
            ]
        children += [
            (
                "in_title",
                blocks.BooleanBlock(
                    required=False,
                    label=_("Antwoord in het onderwerp van de aanvraag"),
                    help_text=_("Bijvoorbeeld het soort melding en het adres."),
                ),
            ),
            ("condition", ConditionBlock()),
        ]
        return blocks.StructBlock(children, label=self.label, icon=self.icon)

    # --- residents ----------------------------------------------------------------------
    def form_field(self, config: dict) -> forms.Field:
        field = self.build_field(config)
        field.label = config["label"]
        field.help_text = config.get("help_text") or ""
        field.required = bool(config.get("required", True))
        field.error_messages = {
            **field.error_messages,
            "required": _required_message(type(self), config["label"]),
        }
        return field

    def build_field(self, config: dict) -> forms.Field:
        raise NotImplementedError

    def to_json(self, value: Any, config: dict) -> Any:
        """The cleaned value in its stored JSON shape; None when not answered."""
        return value if value not in ("", None, []) else None

    def to_initial(self, value: Any, config: dict) -> Any:
        """A stored JSON value as the form field's initial value (prefill, 'Wijzigen')."""
        return value

    def display(self, value: Any, config: dict) -> str:
        """The answer as a person reads it (check page, e-mail to staff, admin)."""
        if value in (None, "", []):
            return ""
        return str(value)

    def title_part(self, value: Any, config: dict) -> str:
        """The answer as part of the case title ("Losliggende stoeptegel - Hoofdstraat 12")."""
        return self.display(value, config)

    def bind(self, field: forms.Field, context) -> None:
        """Give a form field what it needs besides the answer (uploads: whose wizard)."""

    def export(self, value: Any, config: dict) -> str:
        """The answer in one CSV cell."""
        return self.display(value, config)

    def matches(self, value: Any, expected: str) -> bool:
        """Whether a condition "answer equals expected" holds for this answer."""
        if value is None:
            return False
        return str(value).strip().casefold() == expected.strip().casefold()

    def config_errors(self, config: dict) -> list[str]:
        """Problems an editor must fix before publishing (in Dutch)."""
        return []


def _required_message(field_type: type, label: str) -> str:
    label = label.strip()
    if label.endswith("?"):
        return _required_text(field_type, get_language(), True) % {"label": label}
    return _required_text(field_type, get_language(), False) % {"label": _label_in_sentence(label)}


def lower_first(text: str) -> str:
    """Within a sentence: "Omschrijving" -> "omschrijving"; "BSN", "KvK-nummer" and "het UWV"
    keep their capitals."""
    text = text.strip()
    first_word = text.split(" ", 1)[0]
    if any(char.isupper() for char in first_word[1:]):
        return text
    return text[:1].lower() + text[1:]


def _label_in_sentence(label: str) -> str:
    """ "Omschrijving?" -> "omschrijving", but "BSN" and "KvK-nummer" keep their capitals."""
    return lower_first(label.strip().rstrip("?:"))


_registry: dict[str, FieldType] = {}


def register(cls: type[FieldType]) -> type[FieldType]:
    _registry[cls.slug] = cls()
    return cls


def get(slug: str) -> FieldType:
    return _registry[slug]


def all_types() -> list[FieldType]:
    return list(_registry.values())

"""Choices: one of a list (radio buttons or a select), several (checkboxes), yes/no, and a
declaration the resident must tick."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from forms_app.field_types.base import FieldType, register


def options_of(config) -> list[str]:
    return [line.strip() for line in (config.get("options") or "").splitlines() if line.strip()]


class _OptionsType(FieldType):
    required_message = _("Kies %(label)s")
    required_question = _("Kies een antwoord bij ‘%(label)s’")

    def option_blocks(self):
        return [
            ("options", blocks.TextBlock(label=_("Opties"), help_text=_("Eén optie per regel.")))
        ]

    def config_errors(self, config):
        options = options_of(config)
        if not options:
            return [_("Vul bij ‘%(label)s’ minstens één optie in.") % {"label": config["label"]}]
        if len(set(options)) != len(options):
            return [_("‘%(label)s’ heeft dezelfde optie twee keer.") % {"label": config["label"]}]
        return []


@register
class Radio(_OptionsType):
    slug = "radio"
    label = _("Keuze uit opties (rondjes)")
    icon = "radio-full"

    def build_field(self, config):
        options = options_of(config)
        return forms.ChoiceField(
            choices=[(option, option) for option in options],
            widget=forms.RadioSelect,
            error_messages={"invalid_choice": _("Kies een van de opties.")},
        )


@register
class Select(Radio):
    slug = "select"
    label = _("Keuze uit een lijst")
    icon = "list-ul"

    def build_field(self, config):
        field = super().build_field(config)
        field.choices = [("", _("Maak een keuze"))] + list(field.choices)
        field.widget = forms.Select(choices=field.choices)
        return field


@register
class Checkboxes(_OptionsType):
    slug = "checkboxes"
    label = _("Meerdere keuzes (vinkjes)")
    icon = "tasks"
    json_shape = "array of strings"
    required_message = _("Kies minstens één optie bij %(label)s")
    required_question = _("Kies minstens één antwoord bij ‘%(label)s’")

    def build_field(self, config):
        options = options_of(config)
        return forms.MultipleChoiceField(
            choices=[(option, option) for option in options],
            widget=forms.CheckboxSelectMultiple,
            error_messages={"invalid_choice": _("Kies alleen opties uit de lijst.")},
        )

    def to_json(self, value, config):
        return list(value) if value else None

    def display(self, value, config):
        return ", ".join(value or [])

    def matches(self, value, expected):
        return any(item.casefold() == expected.strip().casefold() for item in value or [])


YES, NO = "ja", "nee"


@register
class YesNo(FieldType):
    slug = "yes_no"
    label = _("Ja of nee")
    icon = "radio-full"
    json_shape = "boolean"
    required_message = _("Kies ja of nee bij %(label)s")
    required_question = _("Kies ja of nee bij ‘%(label)s’")

    def build_field(self, config):
        return forms.TypedChoiceField(
            choices=[(YES, _("Ja")), (NO, _("Nee"))],
            coerce=lambda value: value == YES,
            empty_value=None,
            widget=forms.RadioSelect,
            error_messages={"invalid_choice": _("Kies ja of nee.")},
        )

    def to_json(self, value, config):
        return value if isinstance(value, bool) else None

    def to_initial(self, value, config):
        if value is None:
            return None
        return YES if value else NO

    def display(self, value, config):
        if value is None:
            return ""
        return str(_("Ja") if value else _("Nee"))

    def matches(self, value, expected):
        if value is None:
            return False
        return (YES if value else NO) == expected.strip().casefold()


@register
class Declaration(FieldType):
    slug = "declaration"
    label = _("Verklaring (aanvinken)")
    icon = "tick-inverse"
    json_shape = "true"
    required_message = _("Vink aan dat u akkoord gaat: %(label)s")
    required_question = required_message

    def form_field(self, config):
        field = super().form_field(config)
        # A declaration is always required: that is its point.
        field.required = True
        return field

    def build_field(self, config):
        return forms.BooleanField(widget=forms.CheckboxInput, label_suffix="")

    def to_json(self, value, config):
        return True if value else None

    def display(self, value, config):
        return str(_("Ja, akkoord")) if value else ""

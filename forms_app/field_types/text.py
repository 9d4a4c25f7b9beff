"""Free input: short and long text, e-mail address, Dutch phone number, number."""

import re
from decimal import Decimal

import phonenumbers
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from forms_app.field_types.base import FieldType, register
from forms_app.prefill.sources import PrefillSource


def _max_length_block(default):
    return (
        "max_length",
        blocks.IntegerBlock(
            label=_("Maximaal aantal tekens"), required=False, min_value=1, default=default
        ),
    )


def _no_control_characters(value: str) -> None:
    # A single-line answer may end up in an e-mail header or a CSV row.
    if any(char in value for char in "\r\n\x00"):
        raise forms.ValidationError(_("Gebruik geen enters of speciale tekens."))


@register
class ShortText(FieldType):
    slug = "text"
    label = _("Korte tekst")
    prefill_sources = (PrefillSource.NAME,)

    def option_blocks(self):
        return [_max_length_block(200)]

    def build_field(self, config):
        max_length = config.get("max_length") or 200
        return forms.CharField(
            max_length=max_length,
            validators=[_no_control_characters],
            error_messages={
                "max_length": _("Gebruik maximaal %(limit_value)d tekens (nu %(show_value)d).")
            },
        )


@register
class LongText(FieldType):
    slug = "textarea"
    label = _("Lange tekst")
    icon = "pilcrow"

    def option_blocks(self):
        return [_max_length_block(2000)]

    def build_field(self, config):
        max_length = config.get("max_length") or 2000
        return forms.CharField(
            max_length=max_length,
            widget=forms.Textarea(attrs={"rows": 5}),
            error_messages={
                "max_length": _("Gebruik maximaal %(limit_value)d tekens (nu %(show_value)d).")
            },
        )


@register
class Email(FieldType):
    slug = "email"
    label = _("E-mailadres")
    icon = "mail"
    prefill_sources = (PrefillSource.EMAIL,)

    def build_field(self, config):
        return forms.EmailField(
            max_length=254,
            validators=[_no_control_characters],
            widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
            error_messages={
                "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.")
            },
        )


class PhoneField(forms.CharField):
    """A Dutch (or international, with +) phone number, stored as E.164."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return ""
        _no_control_characters(value)
        try:
            number = phonenumbers.parse(value, "NL")
        except phonenumbers.NumberParseException as exc:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc
        if not phonenumbers.is_valid_number(number):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@register
class Phone(FieldType):
    slug = "phone"
    label = _("Telefoonnummer")
    json_shape = "string, E.164 (+31595447777)"
    icon = "mobile-alt"
    prefill_sources = (PrefillSource.PHONE,)

    def build_field(self, config):
        return PhoneField(
            max_length=30,
            widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            error_messages={
                "invalid": _("Vul een geldig telefoonnummer in, bijvoorbeeld 0595 447 777.")
            },
        )

    def to_initial(self, value, config):
        return self.display(value, config)

    def display(self, value, config):
        if not value:
            return ""
        try:
            number = phonenumbers.parse(value, "NL")
        except phonenumbers.NumberParseException:
            return str(value)
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")


def dutch_number(value: str, *, decimals: bool) -> str:
    """'1.250,50' -> '1250.50': the dot groups thousands, the comma is the decimal sign.

    A dot anywhere else is refused (it would be read as "1.5" or silently as "1"). An amount
    as people write it is read too: "€ 1.250,50", "€ 900,-".
    """
    value = "".join((value or "").split())  # every kind of space, a non-breaking one too
    value = value.removeprefix("€").removesuffix("€").removesuffix(",--").removesuffix(",-")
    if _GROUPED.match(value):
        value = value.replace(".", "")
    elif "." in value:
        raise forms.ValidationError(
            _("Gebruik een komma voor de decimalen, bijvoorbeeld 12,50.")
            if decimals
            else _("Vul een heel getal in, bijvoorbeeld 3.")
        )
    return value.replace(",", ".") if decimals else value


class DutchIntegerField(forms.IntegerField):
    def to_python(self, value):
        return super().to_python(dutch_number(value, decimals=False) if value else value)


class DutchDecimalField(forms.DecimalField):
    def to_python(self, value):
        return super().to_python(dutch_number(value, decimals=True) if value else value)


@register
class Number(FieldType):
    slug = "number"
    label = _("Getal")
    icon = "order"
    json_shape = "number"

    def option_blocks(self):
        return [
            ("min_value", blocks.DecimalBlock(label=_("Kleinste getal"), required=False)),
            ("max_value", blocks.DecimalBlock(label=_("Grootste getal"), required=False)),
            (
                "decimals",
                blocks.BooleanBlock(label=_("Getal met komma toegestaan"), required=False),
            ),
        ]

    def build_field(self, config):
        validators, minimum, maximum = [], config.get("min_value"), config.get("max_value")
        if minimum is not None:
            validators.append(
                MinValueValidator(
                    Decimal(minimum), _("Vul een getal in van %(limit_value)s of meer.")
                )
            )
        if maximum is not None:
            validators.append(
                MaxValueValidator(
                    Decimal(maximum), _("Vul een getal in van %(limit_value)s of minder.")
                )
            )
        attrs = {"inputmode": "decimal" if config.get("decimals") else "numeric"}
        if config.get("decimals"):
            field = DutchDecimalField(
                max_digits=12,
                decimal_places=2,
                widget=forms.TextInput(attrs=attrs),
                error_messages={
                    "invalid": _("Vul een getal in, bijvoorbeeld 12,50."),
                    "max_decimal_places": _("Gebruik maximaal 2 cijfers achter de komma."),
                    "max_digits": _("Dit getal is te groot."),
                    "max_whole_digits": _("Dit getal is te groot."),
                },
            )
        else:
            field = DutchIntegerField(
                widget=forms.TextInput(attrs=attrs),
                error_messages={"invalid": _("Vul een heel getal in, bijvoorbeeld 3.")},
            )
        field.validators += validators
        return field

    def to_json(self, value, config):
        if value is None or value == "":
            return None
        if isinstance(value, Decimal):
            return int(value) if value == value.to_integral_value() else float(value)
        return value

    def display(self, value, config):
        if value is None:
            return ""
        if isinstance(value, float):
            return f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
        return f"{value:,}".replace(",", ".")

    def matches(self, value, expected):
        try:
            return value is not None and Decimal(str(value)) == Decimal(
                expected.strip().replace(",", ".")
            )
        except ArithmeticError:
            return False

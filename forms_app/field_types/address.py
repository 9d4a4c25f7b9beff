"""A Dutch address: postcode, house number and addition; street and town are looked up."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from forms_app.field_types.base import FieldType, register
from forms_app.field_types.widgets import AddressWidget
from forms_app.prefill.address import (
    POSTCODE_RE,
    AddressLookupUnavailable,
    lookup_address,
    normalize_postcode,
)
from forms_app.prefill.sources import PrefillSource


class AddressField(forms.MultiValueField):
    widget = AddressWidget

    def __init__(self, *, not_current=False, **kwargs):
        part = forms.CharField(required=False, max_length=10)
        super().__init__(fields=(part, part, part), require_all_fields=False, **kwargs)
        # A new address: refuse where the resident lives now (``current_address``, from the
        # BRP, given by DutchAddress.bind; None when not known).
        self.not_current = not_current
        self.current_address = None

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        postcode, number, addition = (str(part or "").strip() for part in data_list)
        postcode = normalize_postcode(postcode)
        if not POSTCODE_RE.match(postcode):
            raise forms.ValidationError(
                _("Vul een geldige postcode in, bijvoorbeeld 9951 AA."), code="postcode"
            )
        if number.isdigit() and int(number) == 0:
            raise forms.ValidationError(
                _("Een huisnummer is 1 of hoger. Vul het huisnummer in, bijvoorbeeld 12."),
                code="number",
            )
        if not number.isdigit() or not 0 < int(number) < 100000:
            raise forms.ValidationError(
                _("Vul een huisnummer in met alleen cijfers, bijvoorbeeld 12."), code="number"
            )
        if addition and not (addition.isalnum() and len(addition) <= 6):
            raise forms.ValidationError(
                _("Vul bij toevoeging alleen letters of cijfers in, bijvoorbeeld A of 2."),
                code="addition",
            )
        try:
            address = lookup_address(
                postcode=postcode, house_number=int(number), addition=addition.upper()
            )
        except AddressLookupUnavailable as exc:
            raise forms.ValidationError(
                _("Het adres kan nu niet worden opgezocht. Probeer het over een paar minuten."),
                code="unavailable",
            ) from exc
        if address is None:
            raise forms.ValidationError(
                _("We vinden geen adres bij deze postcode en dit huisnummer. Controleer ze."),
                code="unknown",
            )
        if self.not_current and _same_address(address.as_json(), self.current_address):
            raise forms.ValidationError(
                _("Dit is het adres waar u nu woont. Vul uw nieuwe adres in."), code="current"
            )
        return address.as_json()


def _same_address(address: dict, other: dict | None) -> bool:
    return bool(other) and all(
        str(address[part]).upper() == str(other.get(part, "")).upper()
        for part in ("postcode", "house_number", "addition")
    )


@register
class DutchAddress(FieldType):
    slug = "address"
    label = _("Adres in Nederland")
    icon = "home"
    json_shape = (
        "object {postcode, house_number (int), addition, street, city}; "
        "street and city as the address service returned them"
    )
    prefill_sources = (PrefillSource.ADDRESS,)

    def option_blocks(self):
        return [
            (
                "not_current",
                blocks.BooleanBlock(
                    required=False,
                    label=_("Nieuw adres"),
                    help_text=_(
                        "Het adres waar de ingelogde inwoner nu woont (volgens de BRP) wordt "
                        "niet geaccepteerd. Bijvoorbeeld bij een verhuizing."
                    ),
                ),
            )
        ]

    def build_field(self, config):
        return AddressField(not_current=bool(config.get("not_current")))

    def bind(self, field, context):
        field.current_address = context.current_address

    def display(self, value, config):
        if not value:
            return ""
        number = f"{value['house_number']}{(' ' + value['addition']) if value['addition'] else ''}"
        postcode = f"{value['postcode'][:4]} {value['postcode'][4:]}"
        return f"{value['street']} {number}, {postcode} {value['city']}"

    def title_part(self, value, config):
        if not value:
            return ""
        number = f"{value['house_number']}{value['addition'] or ''}"
        return f"{value['street']} {number}, {value['city']}"

    def matches(self, value, expected):
        return bool(value) and value.get("city", "").casefold() == expected.strip().casefold()

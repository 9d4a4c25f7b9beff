"""A Dutch address: postcode, house number and addition; street and town are looked up."""

from django import forms
from django.utils.translation import gettext_lazy as _

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

    def __init__(self, **kwargs):
        part = forms.CharField(required=False, max_length=10)
        super().__init__(fields=(part, part, part), require_all_fields=False, **kwargs)

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
        return address.as_json()


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

    def build_field(self, config):
        return AddressField()

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

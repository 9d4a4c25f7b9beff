"""Phone numbers as staff and residents type them: checked, and written the Dutch way."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def dutch_phone(value: str) -> str:
    """A valid Dutch (or, with +, foreign) number in national notation ("0595 447 777");
    empty stays empty. Anything else: a Dutch error that says what is expected."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, "NL")
    except phonenumbers.NumberParseException:
        number = None
    # An extension ("x123") does not fit how numbers are kept and called: refused too.
    if number is None or number.extension or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("Vul een geldig telefoonnummer in, bijvoorbeeld 0595 447 777 of 06 12345678."),
            code="invalid_phone",
        )
    if number.country_code == 31:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)

"""What the employee typed in the one search field, read as the kind of search it is.

One field keeps the screen fast with the keyboard: "de Vries 12-03-1985", "9951 AA 12",
"anna@example.nl", "06 1234 5678", a BSN or part of a name, then Enter. A date or postcode
that cannot be right gets an error that says how to write it, in Dutch.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contacts.brp import normalize_postcode
from contacts.constants import QueryKind
from contacts.crypto import is_valid_bsn

INVALID_BSN = _("Dit is geen geldig burgerservicenummer. Controleer de 9 cijfers.")
DATE_EXAMPLE = _(
    "Schrijf de geboortedatum na de naam als dd-mm-jjjj, bijvoorbeeld ‘de Vries 12-03-1985’."
)

_BSN_SEPARATORS = re.compile(r"[\s.\-]")
_PHONE = re.compile(r"^[\d\s()+\-./]+$")
_POSTCODE = re.compile(r"^([1-9]\d{3})\s?([a-z]{2})(?![a-z])\s*(.*)$", re.IGNORECASE)
_HOUSE_NUMBER = re.compile(r"^(\d{1,5})(?:\s*[-\s]?\s*([a-z0-9]{1,4}))?$", re.IGNORECASE)
# A name and a last word of digits (perhaps with separators): a date of birth when that word
# has a '-', '.' or '/' or is exactly 8 digits (see _is_date).
_LAST_NUMBER = re.compile(r"^(.*\D)\s+(\d[\d\-./]*)$")
_DATE = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{2,4})$|^(\d{2})(\d{2})(\d{4})$")


@dataclass(frozen=True)
class ResidentQuery:
    kind: str
    text: str
    birth_date: dt.date | None = None
    postcode: str = ""
    house_number: int | None = None
    addition: str = ""


def looks_like_bsn(query: str) -> bool:
    """Nine digits, perhaps written in groups: a BSN, never a name or a phone number."""
    compact = _BSN_SEPARATORS.sub("", query.strip())
    return len(compact) == 9 and compact.isdigit()


def parse_resident_query(value: str) -> ResidentQuery:
    query = " ".join(value.split())
    if looks_like_bsn(query):
        if not is_valid_bsn(query):
            raise ValidationError(INVALID_BSN)
        return ResidentQuery(QueryKind.BSN, query)
    if "@" in query:
        return ResidentQuery(QueryKind.EMAIL, query)
    if _is_phone(query):
        return ResidentQuery(QueryKind.PHONE, query)
    postcode = _POSTCODE.match(query)
    if postcode:
        return _address(postcode)
    numbered = _LAST_NUMBER.match(query)
    if numbered:
        name, number = numbered.group(1).strip(), numbered.group(2)
        if _is_date(number):
            return ResidentQuery(
                QueryKind.NAME_AND_BIRTH_DATE, name, birth_date=_birth_date(number)
            )
        if _is_phone(number):  # "Jansen 0612345678": the number says more than the name
            return ResidentQuery(QueryKind.PHONE, number)
    return ResidentQuery(QueryKind.NAME, query)


def _is_date(word: str) -> bool:
    return any(separator in word for separator in "-./") or (len(word) == 8 and word.isdigit())


def _is_phone(text: str) -> bool:
    return bool(_PHONE.match(text)) and sum(character.isdigit() for character in text) >= 6


def _address(match) -> ResidentQuery:
    postcode = normalize_postcode(match.group(1) + match.group(2))
    number = _HOUSE_NUMBER.match(match.group(3).strip())
    if not match.group(3).strip():
        raise ValidationError(
            _("Vul na de postcode ook het huisnummer in, bijvoorbeeld %(example)s.")
            % {"example": f"{postcode[:4]} {postcode[4:]} 12"}
        )
    if not number:
        raise ValidationError(
            _("Schrijf het huisnummer na de postcode, bijvoorbeeld 9951 AA 12 of 9781 AA 7A.")
        )
    return ResidentQuery(
        QueryKind.ADDRESS,
        f"{postcode} {match.group(3).strip()}",
        postcode=postcode,
        house_number=int(number.group(1)),
        addition=(number.group(2) or "").upper(),
    )


def _birth_date(text: str) -> dt.date:
    parts = _DATE.match(text)
    if not parts:
        raise ValidationError(DATE_EXAMPLE)
    groups = parts.group(1, 2, 3) if parts.group(1) else parts.group(4, 5, 6)
    day, month, year = (int(part) for part in groups)
    if year < 100:
        raise ValidationError(
            _("Schrijf het jaar van de geboortedatum met 4 cijfers, bijvoorbeeld 12-03-1985.")
        )
    try:
        born = dt.date(year, month, day)
    except ValueError:
        raise ValidationError(
            _("De geboortedatum %(date)s bestaat niet. %(example)s")
            % {"date": text, "example": DATE_EXAMPLE}
        ) from None
    if born > timezone.localdate():
        raise ValidationError(_("De geboortedatum ligt in de toekomst. Controleer het jaar."))
    if year < 1900:
        raise ValidationError(_("Controleer het jaar van de geboortedatum."))
    return born

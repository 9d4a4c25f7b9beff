"""The BRP (Basisregistratie Personen): a person by BSN, and the searches staff need.

Chosen by the BRP_ADAPTER setting. The demo adapter knows a handful of test persons; a
production adapter (Haal Centraal BRP bevragen through the municipal gateway) implements the
same three methods: its "ZoekMetGeslachtsnaamEnGeboortedatum" and
"ZoekMetPostcodeEnHuisnummer" are the two searches below.

The BSN stays inside the ``Person`` the adapter returns (left out of its repr, so it does not
reach a log or an error report); callers hash or encrypt it before it goes anywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from contacts.names import search_text, words_match


class BRPUnavailable(Exception):
    """The BRP did not answer; the employee can search another way or try again."""


@dataclass(frozen=True)
class Address:
    postcode: str
    house_number: int
    addition: str
    street: str
    city: str

    def as_json(self) -> dict:
        return {
            "postcode": self.postcode,
            "house_number": self.house_number,
            "addition": self.addition,
            "street": self.street,
            "city": self.city,
        }

    def __str__(self):
        number = f"{self.house_number}{self.addition}".strip()
        return f"{self.street} {number}, {self.city}"


def normalize_postcode(value: str) -> str:
    return re.sub(r"\s+", "", value or "").upper()


@dataclass(frozen=True)
class Person:
    name: str
    address: Address | None
    birth_date: dt.date | None = None
    bsn: str = field(default="", repr=False)


class BRPAdapter:
    def person(self, bsn: str) -> Person | None:
        """The person with this BSN, or None when the BRP does not know it. Raises
        BRPUnavailable when the BRP does not answer: callers go on without BRP data."""
        raise NotImplementedError

    def search_by_name(self, *, name: str, birth_date: dt.date) -> list[Person]:
        """People born on ``birth_date`` whose name matches (surname, perhaps with initials
        or first names). Raises BRPUnavailable."""
        raise NotImplementedError

    def search_by_address(
        self, *, postcode: str, house_number: int, addition: str = ""
    ) -> list[Person]:
        """Everyone registered at the address. Raises BRPUnavailable."""
        raise NotImplementedError


_WINSUM = Address("9951AA", 12, "", "Hoofdstraat", "Winsum")
_BEDUM = Address("9781AA", 7, "A", "Boterdiep", "Bedum")

# Test BSNs (999990000-999999999, valid by the 11-proef). Two households of two, so a search
# by address finds more than one person, and one of them is not yet known as a resident.
DEMO_PERSONS = {
    "999990019": ("Anna de Vries", _WINSUM, dt.date(1985, 3, 12)),
    "999990020": ("Bram Jansen", _BEDUM, dt.date(1978, 7, 1)),
    "999990032": (
        "Cor Bakker",
        Address("9981AB", 3, "", "Oude Dijk", "Uithuizen"),
        dt.date(1950, 11, 23),
    ),
    "999990044": ("Jan de Vries", _WINSUM, dt.date(1983, 5, 30)),
    "999990056": ("Sanne Jansen", _BEDUM, dt.date(2004, 2, 14)),
    "999990068": (
        "Geert Dijkstra",
        Address("9965AA", 5, "", "Hoofdstraat", "Leens"),
        dt.date(1962, 9, 9),
    ),
}


class DemoBRPAdapter(BRPAdapter):
    def _person(self, bsn):
        name, address, born = DEMO_PERSONS[bsn]
        return Person(name=name, address=address, birth_date=born, bsn=bsn)

    def person(self, bsn):
        return self._person(bsn) if bsn in DEMO_PERSONS else None

    def search_by_name(self, *, name, birth_date):
        if not search_text(name):
            return []
        return [
            self._person(bsn)
            for bsn, (full_name, _address, born) in DEMO_PERSONS.items()
            if born == birth_date and words_match(full_name, name)
        ]

    def search_by_address(self, *, postcode, house_number, addition=""):
        postcode, addition = normalize_postcode(postcode), addition.strip().upper()
        return [
            self._person(bsn)
            for bsn, (_name, address, _born) in DEMO_PERSONS.items()
            if address.postcode == postcode
            and address.house_number == house_number
            and (not addition or address.addition.upper() == addition)
        ]


@cache
def _adapter_class(path: str):
    return import_string(path)


def get_brp_adapter() -> BRPAdapter:
    return _adapter_class(settings.BRP_ADAPTER)()

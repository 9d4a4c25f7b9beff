"""The BRP (Basisregistratie Personen): name and address of a person by BSN.

Chosen by the FORMS_BRP_ADAPTER setting. The demo adapter knows the demo residents; a
production adapter (Haal Centraal BRP bevragen through the municipal gateway) implements
the same ``person(bsn)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from forms_app.prefill.address import Address


@dataclass(frozen=True)
class Person:
    name: str
    address: Address | None


class BRPAdapter:
    def person(self, bsn: str) -> Person | None:
        raise NotImplementedError


DEMO_PERSONS = {
    "999990019": ("Anna de Vries", Address("9951AA", 12, "", "Hoofdstraat", "Winsum")),
    "999990020": ("Bram Jansen", Address("9781AA", 7, "A", "Boterdiep", "Bedum")),
    "999990032": ("Cor Bakker", Address("9981AB", 3, "", "Oude Dijk", "Uithuizen")),
}


class DemoBRPAdapter(BRPAdapter):
    def person(self, bsn):
        known = DEMO_PERSONS.get(bsn)
        return Person(name=known[0], address=known[1]) if known else None


@cache
def _adapter_class(path: str):
    return import_string(path)


def get_brp_adapter() -> BRPAdapter:
    return _adapter_class(settings.FORMS_BRP_ADAPTER)()

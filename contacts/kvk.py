"""The KvK Handelsregister: a business's name and its branches (vestigingen) by KvK number.

Chosen by the ``KVK_ADAPTER`` setting (a dotted path). The demo register knows the mock
identity provider's test businesses; a production adapter (the KvK API "Basisprofiel",
``/v1/basisprofielen/{kvkNummer}`` with its ``vestigingen``, through the municipal gateway)
implements the same ``company(kvk_number)``. The register is asked at every eHerkenning login,
so the name the portal shows follows the register.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string


class KvKUnavailable(Exception):
    """The register cannot be asked now (network, timeout, an error answer). An adapter raises
    this for every such failure; the login goes on with the names we have."""


def is_valid_kvk(value: str) -> bool:
    """A KvK number: 8 digits."""
    return len(value) == 8 and value.isdigit()


def is_valid_branch(value: str) -> bool:
    """A vestigingsnummer: 12 digits."""
    return len(value) == 12 and value.isdigit()


@dataclass(frozen=True)
class Branch:
    """A vestiging: 12 digits, its trade name, its address as one line and its place (the
    Basisprofiel's ``adres.plaats``)."""

    number: str
    name: str
    address: str = ""
    place: str = ""

    @property
    def label(self) -> str:
        """How the portal names the branch: its place, else its trade name."""
        return self.place or self.name


@dataclass(frozen=True)
class Company:
    kvk_number: str
    name: str
    branches: tuple[Branch, ...] = field(default=())

    def branch(self, number: str) -> Branch | None:
        return next((branch for branch in self.branches if branch.number == number), None)


class KvKRegister:
    def company(self, kvk_number: str) -> Company | None:
        """The company with this KvK number, or None when the register does not know it.
        Raises ``KvKUnavailable`` when the register cannot be asked."""
        raise NotImplementedError


DEMO_COMPANIES = {
    company.kvk_number: company
    for company in (
        Company(
            "68750110",
            "Bakkerij De Hoogte",
            (
                Branch(
                    "000037178598",
                    "Bakkerij De Hoogte Winsum",
                    "Hoofdstraat 1, 9951 AA Winsum",
                    "Winsum",
                ),
                Branch(
                    "000037178601",
                    "Bakkerij De Hoogte Uithuizen",
                    "Hoofdstraat 22, 9981 AB Uithuizen",
                    "Uithuizen",
                ),
            ),
        ),
        Company(
            "69599084",
            "Kwekerij Warffum",
            (
                Branch(
                    "000038509504",
                    "Kwekerij Warffum",
                    "Schoolstraat 3, 9989 AA Warffum",
                    "Warffum",
                ),
            ),
        ),
    )
}


class DemoKvKRegister(KvKRegister):
    def company(self, kvk_number):
        return DEMO_COMPANIES.get(kvk_number)


@cache
def _register_class(path: str):
    return import_string(path)


def get_kvk_register() -> KvKRegister:
    return _register_class(settings.KVK_ADAPTER)()

"""Look up street and town by postcode and house number.

Chosen by the FORMS_ADDRESS_ADAPTER setting. The demo adapter knows a few streets in Het
Hogeland; a production adapter (BAG via a municipal gateway, or PDOK's Locatieserver) has
the same small interface.
"""

from __future__ import annotations

import re
from functools import cache

from django.conf import settings
from django.core.cache import cache as django_cache
from django.utils.module_loading import import_string

# One address shape for the BRP and the address lookup (contacts may import none of ours).
from contacts.brp import Address, normalize_postcode

POSTCODE_RE = re.compile(r"^[1-9][0-9]{3}[A-Z]{2}$")


class AddressLookupUnavailable(Exception):
    """The address service did not answer; the resident can try again."""


class AddressAdapter:
    def lookup(self, *, postcode: str, house_number: int, addition: str = "") -> Address | None:
        """The address, or None when it does not exist. Raises AddressLookupUnavailable."""
        raise NotImplementedError


# Postcode -> (street, town, highest house number). Real streets in the four former
# municipalities; enough to try every form with.
DEMO_STREETS = {
    "9951AA": ("Hoofdstraat", "Winsum", 60),
    "9951AB": ("Stationsweg", "Winsum", 40),
    "9781AA": ("Boterdiep", "Bedum", 80),
    "9781AB": ("Stationsweg", "Bedum", 30),
    "9981AA": ("Hoofdstraat West", "Uithuizen", 50),
    "9981AB": ("Oude Dijk", "Uithuizen", 30),
    "9965AA": ("Hoofdstraat", "Leens", 40),
    "9967AA": ("Molenstraat", "Eenrum", 25),
    "9971AA": ("Hoofdstraat", "Ulrum", 30),
    "9982AA": ("Hoofdstraat", "Uithuizermeeden", 45),
}


class DemoAddressAdapter(AddressAdapter):
    def lookup(self, *, postcode, house_number, addition=""):
        street = DEMO_STREETS.get(normalize_postcode(postcode))
        if street is None or not 1 <= house_number <= street[2]:
            return None
        return Address(
            postcode=normalize_postcode(postcode),
            house_number=house_number,
            addition=addition,
            street=street[0],
            city=street[1],
        )


@cache
def _adapter_class(path: str):
    return import_string(path)


def get_address_adapter() -> AddressAdapter:
    return _adapter_class(settings.FORMS_ADDRESS_ADAPTER)()


_UNKNOWN = "unknown"


def lookup_address(*, postcode: str, house_number: int, addition: str = "") -> Address | None:
    """The adapter's answer, cached for a day: every step re-validates earlier answers, and
    an address service that is briefly down must not send a resident back a step."""
    key = f"address:{settings.FORMS_ADDRESS_ADAPTER}:{postcode}:{house_number}:{addition}"
    cached = django_cache.get(key)
    if cached == _UNKNOWN:
        return None
    if cached is not None:
        return Address(**cached)
    address = get_address_adapter().lookup(
        postcode=postcode, house_number=house_number, addition=addition
    )
    django_cache.set(key, address.as_json() if address else _UNKNOWN, 24 * 60 * 60)
    return address

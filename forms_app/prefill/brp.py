"""The BRP adapter lives in contacts (the registration screen searches it too); these names
stay importable here for the prefill and for settings that still name this module."""

from contacts.brp import BRPAdapter, BRPUnavailable, DemoBRPAdapter, Person, get_brp_adapter
from contacts.constants import SESSION_BSN_TOKEN
from contacts.crypto import bsn_decrypt

__all__ = ["BRPAdapter", "DemoBRPAdapter", "Person", "get_brp_adapter", "home_town"]


def home_town(session) -> str:
    """The town of the logged-in resident's address in the BRP (where a case without an
    address answer is filed), or "" without a DigiD login or an answer from the BRP."""
    bsn = bsn_decrypt(session.get(SESSION_BSN_TOKEN, ""))
    if not bsn:
        return ""
    try:
        person = get_brp_adapter().person(bsn)
    except BRPUnavailable:
        return ""
    return person.address.city if person and person.address else ""

"""Choosing a person from the BRP who is not yet a resident, without the BSN in the page.

The hit carries a token: the BSN encrypted (contacts.crypto) with the name, date of birth and
address the page shows anyway, signed for this employee and valid for half an hour. The
registration form sends it back; the resident (keyed hash only) is made when the contact is
saved. Nothing asks the BRP again, so a BRP that stops answering loses no typed contact.
"""

import datetime as dt

from django.core import signing

from contacts.brp import Address, Person
from contacts.crypto import bsn_decrypt, bsn_encrypt

_SALT = "contacts.registration.person"
MAX_AGE_SECONDS = 30 * 60


def person_token(*, person: Person, user) -> str:
    payload = {
        "bsn": bsn_encrypt(person.bsn),
        "name": person.name,
        "born": person.birth_date.isoformat() if person.birth_date else "",
        "address": person.address.as_json() if person.address else None,
    }
    return signing.dumps(payload, salt=f"{_SALT}:{user.pk}", compress=True)


def person_from_token(token: str, *, user) -> Person | None:
    """The person again; None for a token that is forged, another employee's or expired."""
    try:
        payload = signing.loads(token, salt=f"{_SALT}:{user.pk}", max_age=MAX_AGE_SECONDS)
        bsn = bsn_decrypt(payload["bsn"])
        born = dt.date.fromisoformat(payload["born"]) if payload["born"] else None
        address = Address(**payload["address"]) if payload["address"] else None
        name = payload["name"]
    except (signing.BadSignature, AttributeError, KeyError, TypeError, ValueError):
        return None
    if not bsn:
        return None
    return Person(name=name, address=address, birth_date=born, bsn=bsn)

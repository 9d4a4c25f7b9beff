"""Prefill for logged-in residents: "vraag het maar één keer".

Name and address come from the BRP adapter (keyed by the BSN, which exists only encrypted
in the session of this login), e-mail and phone from the resident's profile.
"""

from contacts.brp import BRPUnavailable, get_brp_adapter
from contacts.constants import SESSION_BSN_TOKEN
from contacts.crypto import bsn_decrypt
from forms_app.prefill.sources import PrefillSource


def prefill_for(*, definition, resident, session) -> dict:
    """Prefilled answers per field key, in the stored JSON shape of each field type."""
    wanted = {
        spec.key: spec.config.get("prefill")
        for spec in definition.fields.values()
        if spec.config.get("prefill")
    }
    if not wanted or resident is None:
        return {}
    person = None
    if {PrefillSource.NAME, PrefillSource.ADDRESS} & set(wanted.values()):
        person = _person(session)
    values = {
        PrefillSource.EMAIL: resident.email or None,
        PrefillSource.PHONE: resident.phone or None,
        PrefillSource.NAME: (person.name if person else resident.name) or None,
        PrefillSource.ADDRESS: person.address.as_json() if person and person.address else None,
    }
    return {key: values[source] for key, source in wanted.items() if values.get(source)}


def current_address_for(*, definition, resident, session) -> dict | None:
    """Where the logged-in resident lives now according to the BRP, in the address shape; only
    asked when the form has an address question that must be a new address ("not_current").
    None when nobody is logged in with DigiD or the BRP does not answer: then the question
    accepts any address, as it would without the option."""
    if resident is None or not any(
        spec.config.get("not_current") for spec in definition.fields.values()
    ):
        return None
    person = _person(session)
    return person.address.as_json() if person and person.address else None


def _person(session):
    """The logged-in person from the BRP, asked once per request (the session object lives as
    long as the request): prefill and the new-address check both read it."""
    if not hasattr(session, "_forms_brp_person"):
        bsn = bsn_decrypt(session.get(SESSION_BSN_TOKEN, ""))
        try:
            person = get_brp_adapter().person(bsn) if bsn else None
        except BRPUnavailable:
            person = None  # nothing from the BRP; the resident fills in the form
        session._forms_brp_person = person
    return session._forms_brp_person

"""A trace of each search in the BRP from the registration screen, in the security log: who
searched, the kind of search and how many people it found. Never what was searched for (no
BSN, name, address or date of birth): the log is read by more people than the BRP data."""

import logging

from contacts.constants import QueryKind

logger = logging.getLogger("hogeland.security")
_BRP_SEARCHES = {QueryKind.NAME_AND_BIRTH_DATE, QueryKind.ADDRESS}


def asked_the_brp(query, hits) -> bool:
    """Name with date of birth and address always ask the BRP; a BSN only when no known
    resident has it (``contacts.selectors.resident_find``)."""
    if query.kind in _BRP_SEARCHES:
        return True
    return query.kind == QueryKind.BSN and not any(hit.resident for hit in hits)


def brp_search_record(*, user, query, hits=None, unavailable: bool = False) -> None:
    """Log the search if it asked the BRP; ``unavailable``: the BRP did not answer."""
    if not unavailable and not asked_the_brp(query, hits or []):
        return
    results = "unavailable" if unavailable else str(len(hits or []))
    logger.log(
        logging.WARNING if unavailable else logging.INFO,
        "brp_search by user=%s (%s): search=%s results=%s",
        user.pk,
        user.get_username(),
        query.kind,
        results,
        extra={"event": "brp_search", "user_id": user.pk, "search": str(query.kind)},
    )

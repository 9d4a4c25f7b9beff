"""Staff login events for the security log: who, from where, what happened. Never a password
or a code."""

import logging

from axes.helpers import get_client_ip_address

logger = logging.getLogger("hogeland.security")


def record(event: str, *, request, username: str, outcome: str) -> None:
    ip = get_client_ip_address(request) if request is not None else ""
    level = logging.INFO if outcome == "success" else logging.WARNING
    logger.log(
        level,
        "%s %s: %s from %s",
        event,
        outcome,
        username,
        ip,
        extra={"event": event, "username": username, "ip": ip, "outcome": outcome},
    )

"""Staff login events for the security log: who, from where, what happened, and for actions on
someone else's account who did it. Never a password, a code or a link's token."""

import logging

from axes.helpers import get_client_ip_address

logger = logging.getLogger("hogeland.security")
WARNINGS = {"failure", "locked_out", "invalid"}


def record(event: str, *, request, username: str, outcome: str, by: str = "") -> None:
    ip = get_client_ip_address(request) if request is not None else ""
    level = logging.WARNING if outcome in WARNINGS else logging.INFO
    logger.log(
        level,
        "%s %s: %s from %s%s",
        event,
        outcome,
        username,
        ip,
        f" by {by}" if by else "",
        extra={"event": event, "username": username, "ip": ip, "outcome": outcome, "by": by},
    )

"""The id of the request being handled, for every log record written while handling it."""

import contextvars
import re
import secrets

HEADER = "X-Request-ID"
META_KEY = "HTTP_X_REQUEST_ID"
# A proxy's id is kept if it looks like one; anything else could smuggle text into the logs.
_VALID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

_current = contextvars.ContextVar("request_id", default="-")


def get() -> str:
    return _current.get()


def start(incoming: str | None) -> str:
    """Set the id for this request. Not reset afterwards: Django logs a 4xx/5xx and the app
    server its access line after the middleware has returned, and they belong to this request.
    """
    request_id = incoming if incoming and _VALID.match(incoming) else secrets.token_hex(16)
    _current.set(request_id)
    return request_id

"""Logging filters and the JSON formatter: every record carries the request id, none carries
personal data or a secret (see ops.scrub). Set on the handlers, so they cover every logger."""

import logging

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

from ops import request_id, scrub

# Attributes every LogRecord has; anything else came in through ``extra=``.
_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "request_id"}
# Django passes the request object to its loggers (for the error mail); as text it would be
# the whole URL, so the JSON output leaves it out. The path is logged scrubbed instead.
_OMIT_FROM_JSON = {"request", "server_time"}


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = request_id.get()
        return True


class ScrubFilter(logging.Filter):
    """Replaces message, arguments and extra fields by their scrubbed text."""

    def filter(self, record):
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = f"{record.msg} {record.args!r}"
        record.msg, record.args = scrub.text(message), None
        for key, item in list(record.__dict__.items()):
            if key in _STANDARD or key in _OMIT_FROM_JSON:
                continue
            record.__dict__[key] = scrub.value(item, key)
        request = record.__dict__.get("request")
        if request is not None and hasattr(request, "path"):
            record.path = scrub.text(request.path)
        return True


class JsonFormatter(_JsonFormatter):
    """One JSON object per line; tracebacks and stack traces are scrubbed too."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("reserved_attrs", [*RESERVED_ATTRS, *_OMIT_FROM_JSON])
        kwargs.setdefault("rename_fields", {"levelname": "level", "asctime": "time"})
        super().__init__(*args, **kwargs)

    def formatException(self, ei):  # noqa: N802 - logging's name
        return scrub.text(super().formatException(ei))

    def formatStack(self, stack_info):  # noqa: N802 - logging's name
        return scrub.text(super().formatStack(stack_info))


class ScrubbingFormatter(logging.Formatter):
    """Plain-text output (the test and development consoles), scrubbed like the JSON."""

    def formatException(self, ei):  # noqa: N802
        return scrub.text(super().formatException(ei))

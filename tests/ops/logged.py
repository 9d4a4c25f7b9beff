"""What a log record tells the reader: its message and the fields passed with ``extra=``.

The attributes every record has (thread and process ids, timestamps, line numbers) are left
out, so a test that looks for a leaked number does not trip over a thread id that happens to
contain it."""

import json
import logging

_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


def logged_text(record):
    extras = {key: value for key, value in record.__dict__.items() if key not in _STANDARD}
    return record.getMessage() + " " + json.dumps(extras, default=str)

"""What a log record tells the reader: the JSON line the site's own formatter writes for it
(ops.logs.JsonFormatter), without the time. That is the message and the fields passed with
``extra=``; the attributes every record has (thread and process ids, line numbers) are not
in it, so a test that looks for a leaked number does not trip over a thread id that happens
to contain it."""

from ops.logs import JsonFormatter

_formatter = JsonFormatter()


def logged_text(record):
    return _formatter.format(record)

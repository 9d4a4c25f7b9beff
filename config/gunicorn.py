"""gunicorn settings shared by `make run` and production (gunicorn -c config/gunicorn.py).

The access log goes through ops.access_log: no OIDC code, state or token in the request
line, and the request id that the application's own log lines carry.

Python's cyclic garbage collector walks every container object a process holds on each full
collection. A started worker holds some 220,000 of them (Django, Wagtail, the URLconf,
compiled templates) that live as long as the process: one full collection took 125 ms, and
under form submissions one ran every dozen submissions, a fifth of the CPU a submission cost.
`gc.freeze()` moves what exists at that moment out of the collector's sight: once when the
worker has loaded the application, and once more after its first requests have loaded the
rest (templates, URL patterns, per-publish memos). Objects made later are collected as usual.
What requests in other threads hold at that moment is frozen too: once per worker, a few
objects at most that are never collected.
"""

import gc

from ops.access_log import FORMAT

logger_class = "ops.access_log.Logger"
access_log_format = FORMAT

# After this many requests a worker has compiled the templates and filled its memos.
FREEZE_AFTER_REQUESTS = 200


def _freeze():
    gc.collect()
    gc.freeze()


def _warm_up():
    """Load what a worker's first form submission would: the holiday calendar (the answer date
    counts working days) imports its country module on first use, half a second that would
    otherwise fall on one resident's request per worker."""
    import datetime as dt

    from contacts.calendar import is_public_holiday

    is_public_holiday(dt.date.today())


def post_worker_init(worker):
    _warm_up()
    _freeze()


def post_request(worker, req, environ, resp):
    # At or past the count: with threads, `nr` counts requests as they start, so others may
    # have started before the 200th ends. Twice at once (two threads) does no harm.
    if worker.nr >= FREEZE_AFTER_REQUESTS and not getattr(worker, "_frozen_again", False):
        worker._frozen_again = True
        _freeze()

"""gunicorn settings shared by `make run` and production (gunicorn -c config/gunicorn.py).

The access log goes through ops.access_log: no OIDC code, state or token in the request
line, and the request id that the application's own log lines carry.
"""

from ops.access_log import FORMAT

logger_class = "ops.access_log.Logger"
access_log_format = FORMAT

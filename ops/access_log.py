"""The app server's access log without credentials or personal data.

gunicorn writes the request line as the browser sent it: the OIDC callback's code and state,
a follow link's token, a search for an e-mail address or a resident's name. This logger class
scrubs those parts (ops.scrub; percent-encoded too), leaves out what was searched for, and
adds the request id. Use: ``gunicorn --logger-class ops.access_log.Logger``
with ``--access-logformat "$(ACCESS_LOG_FORMAT)"`` from the Makefile.
"""

import re

from gunicorn.glogging import Logger as GunicornLogger

from ops import scrub

FORMAT = '%(h)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms request_id=%({x-request-id}o)s'
_HIDDEN_HEADERS = ("{cookie}i", "{authorization}i", "{http_cookie}e", "{http_authorization}e")


# What was searched for (the site's search, a staff search for a resident's name): the log
# needs that a search was made, not for what.
_SEARCH_TERMS = re.compile(r"(?P<sep>^|[?&])q=[^&\s#\"]*")


def _scrubbed(value: str) -> str:
    value = _SEARCH_TERMS.sub(lambda m: f"{m.group('sep')}q={scrub.REPLACEMENT}", value)
    return scrub.text(value)


class Logger(GunicornLogger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("r", "U", "f"):
            if atoms.get(key):
                atoms[key] = _scrubbed(atoms[key])
        if atoms.get("q"):
            # The bare query string: with its "?" its parameters are recognised.
            atoms["q"] = _scrubbed(f"?{atoms['q']}")[1:]
        for key in _HIDDEN_HEADERS:
            if key in atoms:
                atoms[key] = scrub.REPLACEMENT
        return atoms

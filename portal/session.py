"""Session policy: residents per the DigiD norms, staff with their own, longer idle limit.

A portal session is one that the identity provider opened (``portal_auth = "oidc"``, written
at the OIDC login and nowhere else); only such a session gets into ``/mijn/``. It ends after
``PORTAL_SESSION_IDLE_SECONDS`` without activity or ``PORTAL_SESSION_ABSOLUTE_SECONDS`` after
the login. A staff member's session (a password login) ends after
``STAFF_SESSION_IDLE_SECONDS``; any other session after the resident's idle limit.

``SessionPolicyMiddleware`` keeps a last-activity timestamp (to the minute, unless the session
is saved anyway); ``SessionStore`` (this module is the ``SESSION_ENGINE``) makes the stored
session expire at the same moment, so the session is gone on the server even if the browser
never comes back.
"""

import time
from functools import lru_cache, wraps

from django.conf import settings
from django.contrib.sessions.backends import cached_db, db
from django.contrib.sessions.backends.base import VALID_KEY_CHARS, CreateError, UpdateError
from django.db import DatabaseError, IntegrityError, connections, router
from django.utils.crypto import get_random_string

from contacts.constants import (
    SESSION_ASSURANCE_LEVEL,
    SESSION_BSN_TOKEN,
    SESSION_PORTAL_AUTH,
    SESSION_PORTAL_AUTH_OIDC,
)

PORTAL_AUTH = SESSION_PORTAL_AUTH
PORTAL_AUTH_OIDC = SESSION_PORTAL_AUTH_OIDC
LOGGED_IN_AT = "portal_logged_in_at"
LAST_ACTIVITY = "last_activity"
# The idle limit that applied at the last request, for the store (it has no request).
IDLE_LIMIT = "_idle_limit"
# Seconds: activity is stored this often at most when nothing else in the session changes
# (a tenth of the idle limit when that is shorter).
ACTIVITY_RESOLUTION = 60
SESSION_LOGIN_METHOD = "portal_login_method"
# A browser-session cookie without personal data: "this browser had a portal session", so an
# ended session gets the expiry page instead of a silent trip to the login.
MARKER_COOKIE = "mijn_hogeland"


def is_portal_session(request) -> bool:
    session = getattr(request, "session", None)
    user = getattr(request, "user", None)
    return (
        session is not None
        and user is not None
        and user.is_authenticated
        and session.get(PORTAL_AUTH) == PORTAL_AUTH_OIDC
    )


def idle_limit(request) -> int:
    if is_portal_session(request):
        return settings.PORTAL_SESSION_IDLE_SECONDS
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_staff:
        return settings.STAFF_SESSION_IDLE_SECONDS
    return settings.PORTAL_SESSION_IDLE_SECONDS


def session_end(data, limit: int | None = None) -> float | None:
    """When a session with this data ends (epoch seconds), or None if it is not tracked yet."""
    last = data.get(LAST_ACTIVITY)
    limit = limit if limit is not None else data.get(IDLE_LIMIT)
    if last is None or limit is None:
        return None
    end = last + limit
    if data.get(PORTAL_AUTH) == PORTAL_AUTH_OIDC and data.get(LOGGED_IN_AT) is not None:
        end = min(end, data[LOGGED_IN_AT] + settings.PORTAL_SESSION_ABSOLUTE_SECONDS)
    return end


def seconds_left(request, *, counting_this_request=False) -> int:
    """Until the session ends; a page being rendered counts this request as activity (if
    record_activity will store it)."""
    data = request.session
    if counting_this_request and _activity_due(request):
        data = {**dict(data.items()), LAST_ACTIVITY: time.time(), IDLE_LIMIT: idle_limit(request)}
    end = session_end(data)
    if end is None:
        return idle_limit(request)
    return max(0, int(end - time.time()))


def start_portal_session(request, *, level: str, method: str, bsn_token="") -> None:
    """Called right after the OIDC login, on the new session: what the provider told us."""
    now = int(time.time())
    session = request.session
    session.pop(SESSION_BSN_TOKEN, None)
    session[PORTAL_AUTH] = PORTAL_AUTH_OIDC
    session[SESSION_LOGIN_METHOD] = method
    session[SESSION_ASSURANCE_LEVEL] = level
    if bsn_token:
        session[SESSION_BSN_TOKEN] = bsn_token
    session[LOGGED_IN_AT] = now
    session[LAST_ACTIVITY] = now
    session[IDLE_LIMIT] = settings.PORTAL_SESSION_IDLE_SECONDS


def has_expired(request) -> bool:
    end = session_end(request.session, idle_limit(request))
    return end is not None and time.time() >= end


def _activity_due(request, *, force=False) -> bool:
    """Whether this request is stored as activity.

    Only when asked (the "Blijf ingelogd" button), when the session is saved anyway, or when
    the stored activity is older than the resolution (a minute, or a tenth of a short idle
    limit): a page view otherwise costs no session write. A session so ends at most that much
    before its idle limit after the last request, never after it.
    """
    session = request.session
    if session.is_empty() or getattr(request, "session_passive", False):
        return False
    last = session.get(LAST_ACTIVITY)
    limit = idle_limit(request)
    return (
        force
        or session.modified
        or last is None
        or time.time() - last >= min(ACTIVITY_RESOLUTION, limit // 10)
        or session.get(IDLE_LIMIT) != limit
    )


def record_activity(request, *, force=False) -> None:
    if _activity_due(request, force=force):
        request.session[LAST_ACTIVITY] = int(time.time())
        request.session[IDLE_LIMIT] = idle_limit(request)


def passive(view):
    """A request to this view is not activity (the warning's status check)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.session_passive = True
        return view(request, *args, **kwargs)

    return wrapper


def had_portal_session(request) -> bool:
    return request.COOKIES.get(MARKER_COOKIE) == "1"


def set_marker(response) -> None:
    response.set_cookie(
        MARKER_COOKIE,
        "1",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def delete_marker(response) -> None:
    response.delete_cookie(MARKER_COOKIE, samesite="Lax")


class _PolicyExpiry:
    def get_session_cookie_age(self):
        # Read the loaded data only: this is called while saving, never to load.
        end = session_end(getattr(self, "_session_cache", None) or {})
        if end is None:
            return settings.SESSION_COOKIE_AGE
        return max(0, int(end - time.time()))


class _SingleStatementSave:
    """A session is saved with one INSERT or UPDATE, not BEGIN, statement, COMMIT: a single
    statement is atomic on its own. Written as SQL, as Django's database cache backend writes
    its rows: the session table is Django's, with no signals or fields of ours, and the ORM's
    save machinery took half the time of a save (a form step saves the session each time)."""

    def create(self):
        # A new key is not looked up first (a cache and a database round trip): the INSERT
        # refuses a duplicate key, and then another key is tried, as in Django's create().
        while True:
            self._session_key = get_random_string(32, VALID_KEY_CHARS)
            try:
                self.save(must_create=True)
            except CreateError:
                continue
            self.modified = True
            return

    def save(self, must_create=False):
        if self.session_key is None:
            # Not through the parent's save, which would write the cache a second time.
            return self.create()
        connection = connections[router.db_for_write(self.model)]
        if not connection.get_autocommit():
            # Inside a transaction: Django's savepoint keeps a failure from breaking it.
            return super().save(must_create)
        values = [
            self.encode(self._get_session(no_load=must_create)),
            connection.ops.adapt_datetimefield_value(self.get_expiry_date()),
            self._session_key,
        ]
        insert, update = _statements(self.model, connection.alias)
        with connection.cursor() as cursor:
            if must_create:
                try:
                    cursor.execute(insert, values)
                except IntegrityError as exc:
                    raise CreateError from exc
            else:
                try:
                    cursor.execute(update, values)
                except DatabaseError as exc:
                    raise UpdateError from exc
                if cursor.rowcount == 0:
                    # Ended meanwhile (a logout in another tab, the cleanup).
                    raise UpdateError
        self._saved_to_database()

    def _saved_to_database(self):
        pass


@lru_cache(maxsize=8)
def _statements(model, alias: str) -> tuple[str, str]:
    """INSERT and UPDATE of a session row (data, expiry, key), quoted for the database."""
    quote, meta = connections[alias].ops.quote_name, model._meta
    table = quote(meta.db_table)
    data, expires, key = (
        quote(meta.get_field(name).column)
        for name in ("session_data", "expire_date", "session_key")
    )
    # Names from the model, values as parameters.
    insert = f"INSERT INTO {table} ({data}, {expires}, {key}) VALUES (%s, %s, %s)"  # noqa: S608  # nosec B608
    update = f"UPDATE {table} SET {data} = %s, {expires} = %s WHERE {key} = %s"  # noqa: S608  # nosec B608
    return insert, update


class DatabaseSessionStore(_PolicyExpiry, _SingleStatementSave, db.SessionStore):
    pass


class CachedDatabaseSessionStore(_PolicyExpiry, _SingleStatementSave, cached_db.SessionStore):
    def _saved_to_database(self):
        # What cached_db.SessionStore.save does after the database.
        try:
            self._cache.set(self.cache_key, self._session, self.get_expiry_age())
        except Exception:
            cached_db.logger.exception("Error saving to cache (%s)", self._cache)


# Through the cache only where the cache is shared (Redis); a per-process cache would let
# one process keep a session that another has ended.
SessionStore = (
    CachedDatabaseSessionStore
    if getattr(settings, "SESSION_STORE_CACHED", False)
    else DatabaseSessionStore
)

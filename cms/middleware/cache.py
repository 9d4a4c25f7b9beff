"""The page cache: Wagtail pages for anonymous visitors, served right after WhiteNoise.

A hit costs one cache round trip: the publish generation, the page and the alerts snapshot
are read together, and what was read is kept in the process for PAGE_CACHE_LOCAL_MS, so
most hits cost none; other requests read the generation and the alerts the same way. A
purge clears this process's copies at once; other processes see it within that time.
Entries carry the generation they were made under, so purging is a single increment and an
entry from before a publish is simply not used. The whole response is stored as the rest of
the middleware stack made it (CSP, Vary, X-Frame-Options …), so a hit skips that stack;
only the alerts are put in per request, by the alerts middleware around this one.
"""

import contextvars
import hashlib
import threading
import time
from collections import OrderedDict
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, get_max_age, patch_cache_control

GENERATION_KEY = "cms:pagecache:generation"
# Bump when the stored format changes, so no old pickles are read after a deploy.
KEY_PREFIX = "cms:pagecache:v2:"
# Never cached: personal pages, forms that post, counters that must see every request.
EXCLUDED_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/mijn/",
    "/digid-mock/",
    "/zoeken/",
    "/reactie/",
    "/meldingen/",
    "/health/",
    "/documenten/",
)
# The query parameters cached pages read; any other parameter (utm_source, a cache buster)
# is left out of the cache key, so it cannot fill the cache with copies of one page. A page
# that starts reading a new parameter must add it here.
QUERY_PARAMETERS = frozenset(
    {
        "pagina",  # news overview: page number
        "onderwerp",  # news overview: topic filter
        "kern",  # news overview: village filter
        "letter",  # products and services: A-Z
        "reactie",  # page feedback outcome (cms/includes/feedback.html)
    }
)
# Django's cookie message storage; its name is fixed in CookieStorage.
MESSAGES_COOKIE = "messages"
_NOT_STORED_HEADERS = {"content-length", "x-page-cache", "age"}
_UNCACHEABLE_DIRECTIVES = {"private", "no-store", "no-cache"}
# The generation read at the start of this request: other code that keys on it (footer, main
# menu, search vocabulary) reuses it instead of asking the cache again.
_request_generation: contextvars.ContextVar[int | None] = contextvars.ContextVar(
    "page_cache_generation", default=None
)


# Recent cache reads per page key in this process: (read at, {key: value}).
_local_copies: OrderedDict[str, tuple[float, dict]] = OrderedDict()
_local_lock = threading.Lock()
LOCAL_COPIES_MAX = 512


def forget_local_copies() -> None:
    """After a change in this process: the next request reads the shared cache again."""
    with _local_lock:
        _local_copies.clear()


def _read(keys: list[str], *, local: bool = True) -> dict:
    """The values of ``keys`` (the first names the page), from this process if read recently
    and ``local``."""
    seconds = getattr(settings, "PAGE_CACHE_LOCAL_MS", 0) / 1000 if local else 0
    now = time.monotonic()
    if seconds > 0:
        with _local_lock:
            copy = _local_copies.get(keys[0])
        if copy is not None and now - copy[0] < seconds:
            return copy[1]
    found = cache.get_many(keys)
    if seconds > 0:
        with _local_lock:
            _local_copies[keys[0]] = (now, found)
            _local_copies.move_to_end(keys[0])
            while len(_local_copies) > LOCAL_COPIES_MAX:
                _local_copies.popitem(last=False)
    return found


def _fresh_generation() -> int:
    # Time-based, so a generation lost from the cache never comes back to old entries.
    return time.time_ns() // 1000


# While the cache cannot be read: a generation that moves on every so many seconds, so what a
# process keeps per generation (routes, settings, menu, footer) is read again that often and a
# publish during the outage is seen within this time. Never equal to a stored generation.
OUTAGE_GENERATION_SECONDS = 10


def read_recent(key: str):
    """A value of the shared cache as this process read it within PAGE_CACHE_LOCAL_MS (as a
    hit reads the page), or from the cache: for what every page made here needs (the
    generation, the alerts), so a form's steps, one after another, cost no round trip."""
    found = _read([key])
    if key not in found:
        # A miss is not kept: whoever makes the value stores it, the next request reads it.
        with _local_lock:
            _local_copies.pop(key, None)
    return found.get(key)


def _stored_generation() -> int:
    generation = read_recent(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    if generation is None:
        return int(time.time() // OUTAGE_GENERATION_SECONDS)
    return generation


# A request not answered from the page cache reads the generation when first needed, once.
_UNREAD = -1


def current_generation() -> int:
    """The publish generation: changes whenever published content changes."""
    generation = _request_generation.get()
    if generation == _UNREAD:
        generation = _stored_generation()
        _request_generation.set(generation)
    return generation if generation is not None else _stored_generation()


def _bump_generation() -> None:
    forget_local_copies()
    if _request_generation.get() is not None:
        # The rest of this request reads the new one.
        _request_generation.set(_UNREAD)
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, _fresh_generation(), timeout=None)


def _purge_after_commit() -> None:
    _bump_generation()
    # Imported here: cms.edge reads cms.alerts, which needs the models that use this module.
    from cms.edge import purge_frontend_cache

    purge_frontend_cache()


def purge_page_cache() -> None:
    """Forget every cached page: the old entries are no longer used and expire. Varnish in
    front (VARNISH_URL) is purged once the change is committed."""
    _bump_generation()
    # Again after the commit: a request in between may have cached the old content.
    transaction.on_commit(_purge_after_commit)


def page_cache_seconds() -> int:
    return getattr(settings, "PAGE_CACHE_SECONDS", 600)


def cache_key(request) -> str:
    """The key for this URL, with only the query parameters that pages read, in a fixed order."""
    params = sorted(
        (name, values) for name, values in request.GET.lists() if name in QUERY_PARAMETERS
    )
    query = urlencode([(name, value) for name, values in params for value in values])
    url = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    return KEY_PREFIX + hashlib.sha256(url.encode()).hexdigest()


def _is_authenticated(request) -> bool:
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


def may_use_cache(request) -> bool:
    # Runs before the session and authentication middleware: without a session cookie or an
    # Authorization header nobody can be logged in.
    return (
        page_cache_seconds() > 0
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(EXCLUDED_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and MESSAGES_COOKIE not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not _is_authenticated(request)
    )


def _cache_control_directives(response) -> set[str]:
    return {
        part.split("=", 1)[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
        if part.strip()
    }


def _made_per_visitor(request) -> bool:
    """Whether the page holds something of this visitor: a token, session data, a message."""
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return True
    # A CSP nonce in the page must match the header of the same response.
    if getattr(request, "_csp_nonce", None):
        return True
    session = getattr(request, "session", None)
    if session is not None and (session.modified or not session.is_empty()):
        return True
    messages = getattr(request, "_messages", None)
    return messages is not None and bool(
        getattr(messages, "_queued_messages", None) or getattr(messages, "_loaded_data", None)
    )


def storable_timeout(request, response) -> int:
    """Seconds to keep this response, or 0 when it must not be stored."""
    match = getattr(request, "resolver_match", None)
    if (
        request.method != "GET"
        or match is None
        or match.url_name != "wagtail_serve"
        or response.status_code != 200
        or response.streaming
        or response.cookies
        or not response.get("Content-Type", "").startswith("text/html")
        or "*" in response.get("Vary", "")
        or _cache_control_directives(response) & _UNCACHEABLE_DIRECTIVES
        or _made_per_visitor(request)
        or _is_authenticated(request)
    ):
        return 0
    seconds = page_cache_seconds()
    max_age = get_max_age(response)
    # A page can ask for less, e.g. one that says whether an office is open now.
    return max(0, min(seconds, max_age)) if max_age is not None else seconds


def _freeze(response, generation: int) -> tuple:
    headers = [(k, v) for k, v in response.items() if k.lower() not in _NOT_STORED_HEADERS]
    return generation, response.content, headers, time.time()


def _thaw(frozen) -> HttpResponse:
    _generation, content, headers, stored_at = frozen
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    response["Content-Length"] = str(len(content))
    # Browsers subtract Age from max-age, so a page that asked for a short lifetime (an
    # office's "nu geopend") is not kept longer because it waited in this cache first.
    response["Age"] = str(max(0, int(time.time() - stored_at)))
    return response


class PageCacheMiddleware:
    """Serves Wagtail pages to anonymous visitors from the cache.

    Anyone logged in, or with a session or a pending message, always gets a freshly made page:
    staff may see internal notes, residents their own name. Alerts are not part of a cached
    page; the alerts middleware around this one adds them per request.
    """

    def __init__(self, get_response):
        # Imported here: cms.alerts needs the models, which use this module.
        from cms.alerts import SNAPSHOT_KEY
        from cms.edge import esi_capable, offer_to_surrogate
        from cms.models.routing import prime_site

        self.get_response = get_response
        self.alerts_key = SNAPSHOT_KEY
        self.esi_capable = esi_capable
        self.offer_to_surrogate = offer_to_surrogate
        self.prime_site = prime_site

    def __call__(self, request):
        if not may_use_cache(request):
            token = _request_generation.set(_UNREAD)
            try:
                self.prime_site(request)
                response = self.get_response(request)
            finally:
                _request_generation.reset(token)
            if _is_authenticated(request):
                patch_cache_control(response, private=True, no_store=True)
            return response

        key = cache_key(request)
        # For Varnish, never a per-process copy: it could be a second out of date, and Varnish
        # would keep it for minutes after the purge.
        from_varnish = self.esi_capable(request)
        found = _read([key, GENERATION_KEY, self.alerts_key], local=not from_varnish)
        # The alerts middleware uses the snapshot read in the same round trip.
        request.alerts_snapshot = found.get(self.alerts_key)
        generation = found.get(GENERATION_KEY)
        if generation is None:
            generation = _stored_generation()
        frozen = found.get(key)
        if frozen is not None and frozen[0] == generation:
            response = _thaw(frozen)
            response["X-Page-Cache"] = "hit"
            max_age = get_max_age(response)
            seconds = min(
                page_cache_seconds(), page_cache_seconds() if max_age is None else max_age
            )
            self.offer_to_surrogate(request, response, seconds - int(response["Age"]))
            return response

        token = _request_generation.set(generation)
        try:
            self.prime_site(request)
            response = self.get_response(request)
        finally:
            _request_generation.reset(token)
        timeout = storable_timeout(request, response)
        if timeout > 0:
            # Under the generation read before the page was made: if a publish came in
            # between, this copy is already out of date and will not be used.
            cache.set(key, _freeze(response, generation), timeout)
            with _local_lock:
                _local_copies.pop(key, None)
            # A publish while this page was made: Varnish may already have been purged, so
            # it must not keep this copy.
            if not from_varnish or cache.get(GENERATION_KEY) == generation:
                self.offer_to_surrogate(request, response, timeout)
        response["X-Page-Cache"] = "miss"
        return response

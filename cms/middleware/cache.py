import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, get_max_age, patch_cache_control

GENERATION_KEY = "cms:pagecache:generation"
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
# Django's cookie message storage; its name is fixed in CookieStorage.
MESSAGES_COOKIE = "messages"
_NOT_STORED_HEADERS = {"content-length", "x-page-cache"}
_UNCACHEABLE_DIRECTIVES = {"private", "no-store", "no-cache"}


def _fresh_generation() -> int:
    # Time-based, so a generation lost from the cache never comes back to old entries.
    return time.time_ns() // 1000


def current_generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY, 0)
    return generation


def _bump_generation() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, _fresh_generation(), timeout=None)


def purge_page_cache() -> None:
    """Forget every cached page: the old entries are no longer looked up and expire."""
    _bump_generation()
    # Again after the commit: a request in between may have cached the old content.
    transaction.on_commit(_bump_generation)


def page_cache_seconds() -> int:
    return getattr(settings, "PAGE_CACHE_SECONDS", 600)


def cache_key(request, generation: int) -> str:
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"cms:pagecache:{generation}:{hashlib.sha256(url.encode()).hexdigest()}"


def _is_authenticated(request) -> bool:
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


def may_use_cache(request) -> bool:
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
    """Whether later middleware will add a cookie, or the page holds something of this visitor.

    This middleware runs innermost: the session, CSRF and messages middleware have not yet
    written their cookies, so their state on the request is checked instead.
    """
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


def _freeze(response) -> tuple[bytes, list[tuple[str, str]], float]:
    headers = [(k, v) for k, v in response.items() if k.lower() not in _NOT_STORED_HEADERS]
    return response.content, headers, time.time()


def _thaw(frozen) -> HttpResponse:
    content, headers, stored_at = frozen
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
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
        self.get_response = get_response

    def __call__(self, request):
        if not may_use_cache(request):
            response = self.get_response(request)
            if _is_authenticated(request):
                patch_cache_control(response, private=True, no_store=True)
            return response

        key = cache_key(request, current_generation())
        frozen = cache.get(key)
        if frozen is not None:
            response = _thaw(frozen)
            response["X-Page-Cache"] = "hit"
            return response

        response = self.get_response(request)
        timeout = storable_timeout(request, response)
        if timeout > 0:
            cache.set(key, _freeze(response), timeout)
        response["X-Page-Cache"] = "miss"
        return response

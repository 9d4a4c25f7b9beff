"""Receives Content-Security-Policy violation reports from browsers and logs what matters.

A report names the page and the blocked address; both can hold personal data in their query
string or path (a token in a link, an e-mail address in a search). Only the directive, the
origin of what was blocked, the path of the page and the origin of the script file are logged.
"""

import json
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ops.ratelimits import rate_limit

logger = logging.getLogger("ops.csp")

# Values browsers use instead of a URL ("inline", "eval", "data", ...): safe to log as is.
_KEYWORDS = {"inline", "eval", "wasm-eval", "self", "data", "blob", "trusted-types-policy"}


def _origin(value) -> str:
    value = str(value or "")
    if value in _KEYWORDS:
        return value
    parts = urlsplit(value)
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.hostname}{f':{parts.port}' if parts.port else ''}"
    return parts.scheme or "-"


def _path(value) -> str:
    return urlsplit(str(value or "")).path[:200] or "-"


def _reports(payload) -> list[dict]:
    # report-uri: {"csp-report": {...}} with hyphenated keys; report-to (Reporting API): a list
    # of {"type": "csp-violation", "body": {...}} with camelCase keys.
    if isinstance(payload, dict) and isinstance(payload.get("csp-report"), dict):
        body = payload["csp-report"]
        return [
            {
                "directive": body.get("effective-directive") or body.get("violated-directive"),
                "blocked": body.get("blocked-uri"),
                "document": body.get("document-uri"),
                "source": body.get("source-file"),
                "line": body.get("line-number"),
            }
        ]
    if isinstance(payload, list):
        return [
            {
                "directive": body.get("effectiveDirective"),
                "blocked": body.get("blockedURL"),
                "document": body.get("documentURL"),
                "source": body.get("sourceFile"),
                "line": body.get("lineNumber"),
            }
            for item in payload[:10]
            if isinstance(item, dict)
            and item.get("type") == "csp-violation"
            and isinstance(body := item.get("body"), dict)
        ]
    return []


@csrf_exempt
@require_POST
@rate_limit("csp_report")
def csp_report(request):
    limit = settings.CSP_REPORT_MAX_BYTES
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        return HttpResponse(status=413)
    raw = request.read(limit + 1)
    if len(raw) > limit:
        return HttpResponse(status=413)
    try:
        payload = json.loads(raw)
    except ValueError:
        return HttpResponse(status=400)
    for report in _reports(payload):
        logger.warning(
            "CSP violation: %s blocked %s on %s",
            str(report["directive"] or "-")[:60],
            _origin(report["blocked"]),
            _path(report["document"]),
            extra={
                "csp_source": _origin(report["source"]),
                "csp_line": report["line"] if isinstance(report["line"], int) else None,
            },
        )
    return HttpResponse(status=204)

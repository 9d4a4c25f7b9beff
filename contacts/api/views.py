import logging
import uuid

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils import timezone
from ninja import NinjaAPI, Path, Status
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from contacts.api.auth import ApiKeyAuth
from contacts.api.schemas import (
    ContactIn,
    ContactOut,
    ErrorOut,
    RateLimitedOut,
    ValidationErrorOut,
)
from contacts.constants import Channel
from contacts.models import ContactMoment
from contacts.services import contact_moment_register_external
from ops.ratelimits import TooManyRequests

logger = logging.getLogger(__name__)

API_CHANNELS = (Channel.SOCIAL, Channel.CHAT)
_ERRORS = {401: ErrorOut, 422: ValidationErrorOut, 429: RateLimitedOut}

api = NinjaAPI(
    title="Webcare-API Gemeente Het Hogeland",
    version="1.0",
    description=(
        "Registers contacts from social media and chat as contact moments in the central "
        "registration, with the social-media service norm (2 office hours). Authenticate "
        "with `Authorization: Bearer <key>`; a key is made with `manage.py create_api_token` "
        "and belongs to one team. Calls are rate-limited per key (429 with Retry-After)."
    ),
    auth=ApiKeyAuth(),
    urls_namespace="webcare-api",
)


def _external_id(api_token, client_id: str) -> str:
    # Per key: a tool sees only its own contacts and cannot collide with another tool's ids.
    return f"webcare:{api_token.pk}:{client_id}"


def _out(contact: ContactMoment) -> dict:
    clock = contact.clock
    due_at = clock.due_at if clock else contact.answer_due_at
    answered = contact.answered_at is not None
    return {
        "id": contact.pk,
        "channel": contact.channel,
        "status": "answered" if answered else "open",
        "registered_at": contact.registered_at,
        "due_at": due_at,
        "norm": str(clock.norm) if clock else None,
        "overdue": bool(not answered and due_at and due_at < timezone.now()),
        "answered_at": contact.answered_at,
    }


@api.post(
    "/contacts",
    response={200: ContactOut, 201: ContactOut, **_ERRORS},
    summary="Register a contact from social media or chat",
    description="201: registered. 200: this `external_id` was registered before (a retry).",
)
def register_contact(request, payload: ContactIn):
    api_token = request.auth
    client_id = payload.external_id or uuid.uuid4().hex
    contact, created = contact_moment_register_external(
        channel=Channel(payload.channel),
        external_id=_external_id(api_token, client_id),
        topic=payload.topic or f"Bericht via {payload.platform}",
        summary=f"Via {payload.platform}, account {payload.handle}:\n\n{payload.message}",
        email=payload.email or "",
        team=api_token.team,
        norm_channel=Channel.SOCIAL,
    )
    contact = ContactMoment.objects.select_related("clock").get(pk=contact.pk)
    logger.info("Webcare API: key %s registered contact %s", api_token.pk, contact.pk)
    return Status(201 if created else 200, _out(contact))


@api.get(
    "/contacts/{contact_id}",
    response={200: ContactOut, 404: ErrorOut, **_ERRORS},
    summary="The status of a contact this key registered",
)
def contact_status(request, contact_id: int = Path(..., ge=1, le=2**63 - 1)):
    contact = (
        ContactMoment.objects.select_related("clock")
        .filter(
            pk=contact_id,
            channel__in=API_CHANNELS,
            external_id__startswith=_external_id(request.auth, ""),
        )
        .first()
    )
    if contact is None:
        raise Http404
    return Status(200, _out(contact))


# Errors: JSON with a Dutch `detail` for the people using the tool; never the input itself,
# which may hold a resident's name, handle or e-mail address.


@api.exception_handler(AuthenticationError)
def _unauthorized(request, exc):
    response = api.create_response(
        request, {"detail": "Geen geldige API-sleutel meegestuurd."}, status=401
    )
    response["WWW-Authenticate"] = 'Bearer realm="webcare"'
    return response


@api.exception_handler(TooManyRequests)
def _rate_limited(request, exc):
    response = api.create_response(
        request,
        {
            "detail": f"Te veel verzoeken. Probeer het over {exc.retry_after} seconden opnieuw.",
            "retry_after": exc.retry_after,
        },
        status=429,
    )
    response["Retry-After"] = str(exc.retry_after)
    return response


_LOCATIONS = {"body", "path", "query", "header", "payload"}


@api.exception_handler(NinjaValidationError)
def _invalid(request, exc):
    errors = [
        {
            "field": ".".join(str(p) for p in error.get("loc", ()) if p not in _LOCATIONS)
            or "body",
            "code": error.get("type", "invalid"),
            "message": error.get("msg", ""),
        }
        for error in exc.errors
    ]
    return api.create_response(
        request, {"detail": "Ongeldige invoer.", "errors": errors}, status=422
    )


@api.exception_handler(DjangoValidationError)
def _refused(request, exc):
    return api.create_response(request, {"detail": " ".join(exc.messages)}, status=400)


@api.exception_handler(HttpError)
def _http_error(request, exc):
    detail = "De inhoud is geen geldige JSON." if exc.status_code == 400 else str(exc)
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": "Niet gevonden."}, status=404)

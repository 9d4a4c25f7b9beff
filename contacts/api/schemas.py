import datetime as dt
import re
from typing import Literal

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from ninja import Field, Schema
from pydantic import ConfigDict, field_validator
from pydantic_core import PydanticCustomError

# Control characters other than tab and newline: never stored (PostgreSQL refuses NUL).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_ONE_LINE_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class ContactIn(Schema):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    channel: Literal["social", "chat"] = Field(
        description="`social` for social media, `chat` for the web chat."
    )
    platform: str = Field(
        min_length=1,
        max_length=50,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9 ._-]*$",
        description="Where the message came in: facebook, instagram, x, whatsapp, webchat ...",
        examples=["facebook"],
    )
    handle: str = Field(
        min_length=1,
        max_length=100,
        description="The sender's account name on the platform, so staff can answer there.",
        examples=["@jan_uit_winsum"],
    )
    message: str = Field(min_length=1, max_length=5000, description="The message text.")
    email: str | None = Field(
        default=None,
        max_length=254,
        description="The sender's e-mail address, if given: links the contact to the resident.",
    )
    topic: str | None = Field(
        default=None, max_length=200, description="Subject; default: 'Bericht via <platform>'."
    )
    external_id: str | None = Field(
        default=None,
        min_length=1,
        max_length=200,
        pattern=r"^[\x21-\x7e]+$",
        description=(
            "The tool's own id of the message. Sending the same id again returns the contact "
            "registered the first time (200) instead of a new one (201): safe to retry."
        ),
    )

    @field_validator("message")
    @classmethod
    def _no_control_characters(cls, value: str) -> str:
        if _CONTROL.search(value):
            raise PydanticCustomError("control_characters", "Text contains control characters.")
        return value

    @field_validator("handle", "topic")
    @classmethod
    def _one_line(cls, value: str | None) -> str | None:
        if value is not None and _ONE_LINE_CONTROL.search(value):
            raise PydanticCustomError("control_characters", "Text must be a single line.")
        return value

    @field_validator("email")
    @classmethod
    def _valid_email(cls, value: str | None) -> str | None:
        if not value:
            return None
        try:
            validate_email(value)
        except ValidationError:
            raise PydanticCustomError("email", "Enter a valid e-mail address.") from None
        return value


class ContactOut(Schema):
    id: int
    channel: str
    status: Literal["open", "answered"]
    registered_at: dt.datetime
    due_at: dt.datetime | None = Field(description="When the answer is due (the norm).")
    norm: str | None = Field(description="The service norm, e.g. '2 kantooruren'.")
    overdue: bool
    answered_at: dt.datetime | None


class ErrorOut(Schema):
    detail: str


class RateLimitedOut(Schema):
    detail: str
    retry_after: int


class FieldError(Schema):
    field: str
    code: str
    message: str


class ValidationErrorOut(Schema):
    detail: str
    errors: list[FieldError]

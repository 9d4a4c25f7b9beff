"""What other apps add to the contact registration screen, without contacts importing them.

``contacts`` may import none of our apps, yet a caller asks "where does my request stand?"
and a contact can turn into a request. So ``cases`` registers, from its ``AppConfig.ready``:

- a resident panel: a function ``(resident, request) -> str`` returning HTML (rendered from a
  template), or "" when it has nothing to show, e.g. the resident's open cases;
- an outcome handler: what to do when the employee picks an outcome that ``contacts`` cannot
  carry out itself, e.g. "Aanvraag starten" with a chosen case type.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from django.utils.safestring import SafeString, mark_safe

ResidentPanel = Callable[..., str]
_panels: list[ResidentPanel] = []


def register_resident_panel(panel: ResidentPanel) -> ResidentPanel:
    if panel not in _panels:
        _panels.append(panel)
    return panel


def render_resident_panels(resident, request) -> list[SafeString]:
    return [mark_safe(html) for panel in _panels if (html := panel(resident, request))]  # noqa: S308


@dataclass(frozen=True)
class Handled:
    """What the handler did, told to the employee after saving."""

    message: str
    url: str = ""


class OutcomeHandler(Protocol):
    outcome: str  # a contacts.constants.Outcome value
    label: str  # the outcome as the employee reads it
    choice_label: str  # the label of the list to pick from (e.g. "Soort aanvraag")

    def choices(self) -> list[tuple[str, str]]: ...

    def handle(self, *, contact, choice: str, by) -> Handled:
        """Called inside the registration's transaction: an error undoes the whole contact."""


_handlers: dict[str, OutcomeHandler] = {}


def register_outcome_handler(handler: OutcomeHandler) -> OutcomeHandler:
    _handlers[handler.outcome] = handler
    return handler


def outcome_handler(outcome: str) -> OutcomeHandler | None:
    return _handlers.get(outcome)


def outcome_handlers() -> list[OutcomeHandler]:
    return list(_handlers.values())

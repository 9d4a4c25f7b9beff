"""What other apps add to the staff view of a case, without cases importing them.

A case can come from any channel; forms_app registers a panel with the answers and files of
a submitted form. A panel is a function ``(case, request) -> str`` returning HTML (rendered
from a template), or "" when it has nothing for this case.
"""

from collections.abc import Callable

from django.utils.safestring import SafeString, mark_safe

CasePanel = Callable[..., str]
_panels: list[CasePanel] = []


def register_case_panel(panel: CasePanel) -> CasePanel:
    if panel not in _panels:
        _panels.append(panel)
    return panel


def render_case_panels(case, request) -> list[SafeString]:
    return [mark_safe(html) for panel in _panels if (html := panel(case, request))]  # noqa: S308

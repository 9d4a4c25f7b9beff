"""B1 readability in the admin: the live update of the editor's panel, the jargon list
("Moeilijke woorden") and the verdict for approvers on the dashboard.

The rules are in cms.readability; these views only fill a page from the editor's draft form
and render the same template the panel uses.
"""

import contextlib

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import path
from django.views.decorators.http import require_POST
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.models import JargonTerm
from cms.models.mixins import BasePage
from cms.readability.page import (
    analyse_page,
    jargon_list,
    readability_context,
    text_field_names,
)

APPROVER_PANEL_LIMIT = 10


def _fill_from_draft(instance, request, parent):
    """Put the text fields of the posted edit form on the page, valid or not."""
    form_class = type(instance).get_edit_handler().get_form_class()
    form = form_class(request.POST, instance=instance, parent_page=parent, for_user=request.user)
    for name in text_field_names(type(instance)):
        if name not in form.fields:
            continue
        value = form[name].data
        # Half-written blocks do not validate: then read what is there.
        with contextlib.suppress(ValidationError):
            value = form.fields[name].clean(value)
        setattr(instance, name, value)
    return instance


def _report_response(request, instance):
    context = readability_context(analyse_page(instance, jargon=jargon_list()))
    verdict = context["verdict"]
    return JsonResponse(
        {
            "verdict": verdict.label if verdict else "",
            "level": verdict.level if verdict else "",
            "html": render_to_string("cms/admin/readability_report.html", context, request),
        }
    )


@require_POST
def readability_for_page(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    instance = page.get_latest_revision_as_object()
    return _report_response(request, _fill_from_draft(instance, request, page.get_parent()))


@require_POST
def readability_for_new_page(request, app_label, model_name, parent_id):
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as error:
        raise Http404 from error
    if not issubclass(model, BasePage) or not issubclass(model, Page):
        raise Http404
    parent = get_object_or_404(Page, pk=parent_id).specific
    if not parent.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    return _report_response(request, _fill_from_draft(model(), request, parent))


urls = [
    path("leesbaarheid/<int:page_id>/", readability_for_page, name="cms_readability_page"),
    path(
        "leesbaarheid/nieuw/<str:app_label>/<str:model_name>/<int:parent_id>/",
        readability_for_new_page,
        name="cms_readability_new",
    ),
]


class JargonTermViewSet(SnippetViewSet):
    model = JargonTerm
    menu_label = "Moeilijke woorden"
    icon = "openquote"
    add_to_settings_menu = True
    menu_order = 600
    list_display = ["term", "alternative"]
    search_fields = ["term", "alternative"]
    ordering = ["term"]


class ReadabilityToReviewPanel(Component):
    """For approvers: the B1 verdict of each page waiting for their approval."""

    name = "readability_to_review"
    template_name = "cms/admin/readability_to_review_panel.html"
    order = 210  # just above Wagtail's "Awaiting your review"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        states = (
            TaskState.objects.reviewable_by(self.request.user)
            .select_related("revision", "revision__user")
            .order_by("-started_at")[:APPROVER_PANEL_LIMIT]
        )
        jargon = jargon_list() if states else None
        rows = []
        for state in states:
            page = state.revision.as_object()
            if not isinstance(page, BasePage):
                continue
            rows.append(
                {
                    "page": page,
                    "submitted_by": state.revision.user,
                    "report": analyse_page(page, jargon=jargon),
                }
            )
        context["rows"] = rows
        return context

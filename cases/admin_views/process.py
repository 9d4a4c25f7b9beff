"""The staff screen of one case: the request, its norm clock, the timeline, and the actions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from cases.admin_views.access import CaseAccessMixin, log_view, may_act_on_cases
from cases.admin_views.actions import ACTIONS
from cases.admin_views.clock import clock_view
from cases.forms import SubtaskCompleteForm
from cases.models import Case, CaseEvent, Message
from cases.panels import render_case_panels
from cases.services import case_subtask_complete
from contacts.constants import TaskStatus
from contacts.models import Task

URL_NAMESPACE = "cases_case"


def case_url(name: str, *args) -> str:
    return reverse(f"{URL_NAMESPACE}:{name}", args=args)


class CaseProcessView(CaseAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    """Read the case; team members also see the forms that act on it."""

    acting = False
    template_name = "cases/admin/process.html"
    header_icon = "folder-open-inverse"

    def get_page_title(self):
        return self.case.reference

    def get_page_subtitle(self):
        return self.case.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": case_url("index"), "label": _("Aanvragen")},
            {"url": "", "label": self.case.reference},
        ]

    def get(self, request, *args, **kwargs):
        return self.render_page()

    def render_page(self, *, bound=None, status=200):
        log_view(self.case, self.request.user, acting=self.can_act)
        return self.render_to_response(self.get_context_data(bound=bound or {}), status=status)

    def get_context_data(self, *, bound, **kwargs):
        context = super().get_context_data(**kwargs)
        case, user = self.case, self.request.user
        clock = None
        if case.clock_id:
            clock = clock_view(
                type(case.clock).objects.prefetch_related("pauses").get(pk=case.clock_id)
            )
        context.update(
            case=case,
            can_act=self.can_act,
            clock=clock,
            events=CaseEvent.objects.readable_by_staff(user)
            .filter(case=case)
            .select_related("status", "created_by"),
            tasks=case.tasks.select_related("team", "assignee").order_by("created_at"),
            statuses=case.case_type.statuses.all(),
        )
        if self.can_act:
            context.update(
                panels=render_case_panels(case, self.request),
                actions=self._bound_actions(bound),
                case_messages=Message.objects.visible_to_staff(user)
                .filter(case=case)
                .prefetch_related("attachments"),
            )
        context["task_forms"] = self._task_forms(bound)
        context["has_errors"] = bool(bound)
        return context

    def _task_forms(self, bound):
        """A form for each open sub-task of the user's teams: their part of the case."""
        user = self.request.user
        if not may_act_on_cases(user):
            return []
        tasks = (
            Task.objects.visible_to_staff(user)
            .filter(cases=self.case, status=TaskStatus.OPEN)
            .select_related("team")
        )
        return [
            (
                task,
                bound.get(("subtask_complete", task.pk))
                or SubtaskCompleteForm(case=self.case, prefix=f"task-{task.pk}"),
                case_url("subtask_complete", self.case.pk, task.pk),
            )
            for task in tasks
        ]

    def _bound_actions(self, bound):
        closed = self.case.closed_at is not None
        return [
            (
                action,
                bound.get(action.name) or action.form_class(case=self.case, prefix=action.name),
                case_url(action.name, self.case.pk),
            )
            for action in ACTIONS.values()
            if not (closed and action.while_open)
            and not (action.name == "take" and self.case.handler_id == self.request.user.pk)
        ]


class CaseActionView(CaseProcessView):
    """POST one action's form; on success back to the case, on an error the page again with
    the error in that form (status 400)."""

    acting = True
    http_method_names = ["get", "post"]
    action = None

    def get(self, request, *args, **kwargs):
        return redirect(case_url("edit", self.case.pk))

    def post(self, request, *args, **kwargs):
        action = ACTIONS[self.action]
        form = action.form_class(request.POST, case=self.case, prefix=action.name)
        if form.is_valid():
            try:
                message = action.perform(self.case, request.user, form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, message)
                return redirect(self._next_url())
        form.focus_first_error()
        return self.render_page(bound={action.name: form}, status=400)

    def _next_url(self):
        # After forwarding, the case may have left the user's sight.
        user = self.request.user
        if Case.objects.readable_by_staff(user).filter(pk=self.case.pk).exists():
            return case_url("edit", self.case.pk)
        return case_url("index")


class SubtaskCompleteView(CaseProcessView):
    """A team with a sub-task on the case reports its part as done."""

    http_method_names = ["get", "post"]

    def get(self, request, *args, **kwargs):
        return redirect(case_url("edit", self.case.pk))

    def post(self, request, *args, task_pk, **kwargs):
        user = request.user
        task = (
            Task.objects.visible_to_staff(user).filter(cases=self.case, pk=task_pk).first()
            if may_act_on_cases(user)
            else None
        )
        if task is None:
            raise Http404
        form = SubtaskCompleteForm(request.POST, case=self.case, prefix=f"task-{task.pk}")
        if form.is_valid():
            try:
                case_subtask_complete(
                    case=self.case, task=task, by=user, outcome=form.cleaned_data["outcome"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("De taak is afgerond."))
                return redirect(case_url("edit", self.case.pk))
        form.focus_first_error()
        return self.render_page(bound={("subtask_complete", task.pk): form}, status=400)

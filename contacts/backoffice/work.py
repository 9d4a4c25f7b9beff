"""Tasks in the admin: "Mijn werk", a queue per team, and one task to claim, hand over or
complete. Every lookup goes through ``Task.objects.visible_to_staff``: a task of another team
does not exist for this user (404)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from contacts.backoffice.access import user_is_contact_staff
from contacts.backoffice.base import BackOfficeView
from contacts.constants import TaskKind, TaskStatus
from contacts.forms import TaskCompleteForm, TaskHandOverForm
from contacts.models import Task
from contacts.selectors import (
    TaskFilter,
    task_counts,
    tasks_filtered,
    tasks_for_work,
    teams_of,
)
from contacts.services import access_log_record, task_claim, task_complete, task_hand_over

TASKS_PER_PAGE = 50
MY_WORK = "Mijn werk"


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


class WorkQueueView(BackOfficeView):
    template_name = "contacts/admin/work.html"
    header_icon = "tasks"

    def get(self, request, *args, slug=None, **kwargs):
        teams = list(teams_of(request.user))
        team = None
        if slug is not None:
            team = next((team for team in teams if team.slug == slug), None)
            if team is None:
                raise Http404
        self.team = team
        scope = tasks_for_work(request.user, team=team)
        key = request.GET.get("filter", TaskFilter.OPEN)
        if key not in TaskFilter.LABELS:
            key = TaskFilter.OPEN
        counts = task_counts(scope, user=request.user)
        tasks = (
            tasks_filtered(scope, key, user=request.user)
            .select_related("team", "assignee", "contact_moment")
            .order_by("due_at", "pk")
        )
        page = Paginator(tasks, TASKS_PER_PAGE).get_page(request.GET.get("p"))
        page.object_list = list(page.object_list)
        now = timezone.now()
        for task in page.object_list:
            task.is_late = task.due_at < now
        base_url = request.path
        return self.render(
            team=team,
            tabs=[
                {"label": MY_WORK, "url": reverse("contacts_admin:work"), "current": team is None},
                *(
                    {
                        "label": _("Team %(team)s") % {"team": each},
                        "url": reverse("contacts_admin:team_work", args=[each.slug]),
                        "current": each == team,
                    }
                    for each in teams
                ),
            ],
            filters=[
                {
                    "label": label,
                    "count": counts[value],
                    "url": f"{base_url}?filter={value}",
                    "current": value == key,
                }
                for value, label in TaskFilter.LABELS.items()
            ],
            current_filter=TaskFilter.LABELS[key],
            page=page,
        )

    def get_page_title(self):
        return _("Taken van team %(team)s") % {"team": self.team} if self.team else MY_WORK


def _visible_task(request, pk) -> Task:
    task = (
        Task.objects.visible_to_staff(request.user)
        .select_related(
            "team", "assignee", "completed_by", "created_by", "contact_moment__resident"
        )
        .filter(pk=pk)
        .first()
    )
    if task is None:
        _log_attempt(pk, request.user)
        raise Http404
    return task


def _log_attempt(pk, user) -> None:
    """A task of another team does not exist for this user, but the resident sees the try."""
    task = (
        Task.objects.filter(pk=pk, contact_moment__resident__isnull=False)
        .select_related("contact_moment__resident")
        .first()
    )
    if task is not None:
        access_log_record(
            resident=task.contact_moment.resident,
            user=user,
            what=_("Taak: %(kind)s") % {"kind": task.get_kind_display()},
            reason=_("Poging tot inzage zonder recht"),
            concerning=task.contact_moment,
        )


def _task_url(task) -> str:
    return reverse("contacts_admin:task", args=[task.pk])


class TaskObjectView(BackOfficeView):
    """One task: for anyone outside its team, editors included, it does not exist (404, and
    the resident sees the attempt), rather than the admin's redirect for a missing right."""

    def dispatch(self, request, *args, **kwargs):
        if not user_is_contact_staff(request.user):
            _log_attempt(kwargs["pk"], request.user)
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class TaskDetailView(TaskObjectView):
    template_name = "contacts/admin/task.html"
    header_icon = "tasks"

    def get(self, request, *args, pk, **kwargs):
        self.task = _visible_task(request, pk)
        resident = self.task.contact_moment.resident if self.task.contact_moment else None
        if resident is not None:
            access_log_record(
                resident=resident,
                user=request.user,
                what=_("Taak: %(kind)s") % {"kind": self.task.get_kind_display()},
                reason=_("Taak afhandelen"),
                concerning=self.task.contact_moment,
            )
        return self.page()

    def page(self, *, hand_over_form=None, complete_form=None, status=200):
        task = self.task
        contact = task.contact_moment
        complete_form = complete_form or TaskCompleteForm()
        if task.assignee_id == self.request.user.pk and not complete_form.errors:
            # Claimed: what is left is writing down the outcome.
            complete_form.fields["outcome"].widget.attrs["autofocus"] = True
        return self.render(
            status=status,
            task=task,
            contact=contact,
            resident=contact.resident if contact else None,
            is_open=task.status == TaskStatus.OPEN,
            is_callback=task.kind == TaskKind.CALLBACK,
            claimed_by_me=task.assignee_id == self.request.user.pk,
            hand_over_form=hand_over_form or TaskHandOverForm(task=task),
            complete_form=complete_form,
            queue_url=reverse("contacts_admin:work"),
        )

    def get_page_title(self):
        return self.task.get_kind_display()

    def get_page_subtitle(self):
        return self.task.description[:80]


class TaskClaimView(TaskObjectView):
    http_method_names = ["post"]

    def post(self, request, *args, pk, **kwargs):
        task = _visible_task(request, pk)
        try:
            task_claim(task=task, by=request.user)
        except ValidationError as error:
            # Someone else was quicker: say who, and show the task as it is now.
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("U heeft de taak opgepakt."))
        return redirect(_task_url(task))


class TaskHandOverView(TaskDetailView):
    http_method_names = ["post"]

    def post(self, request, *args, pk, **kwargs):
        self.task = _visible_task(request, pk)
        form = TaskHandOverForm(request.POST, task=self.task)
        if form.is_valid():
            to, team = form.cleaned_data["to"], form.cleaned_data["team"]
            try:
                task = task_hand_over(task=self.task, by=request.user, to=to, team=team)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _handed_over_message(to=to, team=team or task.team))
                if Task.objects.visible_to_staff(request.user).filter(pk=task.pk).exists():
                    return redirect(_task_url(task))
                return redirect(reverse("contacts_admin:work"))
        return self.page(hand_over_form=form, status=400)


def _handed_over_message(*, to, team) -> str:
    if to is not None:
        return _("De taak is overgedragen aan %(name)s (team %(team)s).") % {
            "name": _name(to),
            "team": team,
        }
    return _("De taak staat weer open voor team %(team)s.") % {"team": team}


class TaskCompleteView(TaskDetailView):
    http_method_names = ["post"]

    def post(self, request, *args, pk, **kwargs):
        self.task = _visible_task(request, pk)
        form = TaskCompleteForm(request.POST)
        if not form.is_valid():
            return self.page(complete_form=form, status=400)
        try:
            task = task_complete(
                task=self.task, by=request.user, outcome=form.cleaned_data["outcome"]
            )
        except ValidationError as error:
            # Completed twice (another tab, a colleague): nothing changes, say so.
            messages.error(request, " ".join(error.messages))
            return redirect(_task_url(self.task))
        if task.kind == TaskKind.CALLBACK:
            messages.success(
                request, _("Taak afgerond. Het terugbelgesprek staat bij de contacten.")
            )
        else:
            messages.success(request, _("Taak afgerond."))
        return redirect(reverse("contacts_admin:work"))

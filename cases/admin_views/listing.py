"""The case list with work queues, filters and search; a fixed number of queries per page.

The "Kern" filter reads ``Case.village``, set when the case was opened from the form's
address answer or the resident's address in the BRP (cases.services.case_create).
"""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.base import BaseListingView

from cases.admin_views.access import forbidden, may_read_cases
from cases.admin_views.pagination import CappedPaginator
from cases.admin_views.process import URL_NAMESPACE, case_url
from cases.constants import Queue
from cases.models import Case, CaseType, StatusType
from contacts.constants import Village
from contacts.models import Team


def _status_names():
    return [
        (name, name)
        for name in StatusType.objects.order_by("name").values_list("name", flat=True).distinct()
    ]


def _handlers(request):
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True, groups__team__isnull=False)
        .distinct()
        .order_by("first_name", "last_name")
    )


class CaseFilterSet(WagtailFilterSet):
    queue = django_filters.ChoiceFilter(
        label=_("Werkvoorraad"),
        choices=Queue.choices,
        method="filter_queue",
        empty_label=_("Alle"),
        widget=forms.RadioSelect,
    )
    team = django_filters.ModelChoiceFilter(
        label=_("Team"), queryset=Team.objects.all(), empty_label=_("Alle teams")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        field_name="status__name",
        choices=_status_names,
        empty_label=_("Alle statussen"),
    )
    case_type = django_filters.ModelChoiceFilter(
        label=_("Soort aanvraag"), queryset=CaseType.objects.all(), empty_label=_("Alle soorten")
    )
    handler = django_filters.ModelChoiceFilter(
        label=_("Behandelaar"),
        queryset=_handlers,
        empty_label=_("Iedereen"),
        null_label=_("Nog niemand"),
    )
    overdue = django_filters.ChoiceFilter(
        label=_("Te laat"),
        choices=[("ja", _("Alleen te laat"))],
        method="filter_overdue",
        empty_label=_("Alle"),
        widget=forms.RadioSelect,
    )
    village = django_filters.ChoiceFilter(
        label=_("Kern"), choices=Village.choices, empty_label=_("Alle kernen")
    )

    class Meta:
        model = Case
        fields = []

    def filter_queue(self, queryset, name, value):
        return queryset.in_queue(value, user=self.request.user, today=timezone.localdate())

    def filter_overdue(self, queryset, name, value):
        return queryset.in_queue(Queue.OVERDUE, user=self.request.user, today=timezone.localdate())


class DueColumn(Column):
    """The promised date with a word on where the case stands against it."""

    cell_template_name = "cases/admin/due_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        today = timezone.localdate()
        if instance.closed_at:
            state = _("afgerond")
        elif instance.clock and instance.clock.paused_at:
            state = _("wacht op inwoner")
        elif instance.due_on < today:
            state = _("te laat")
        elif instance.due_on == today:
            state = _("vandaag")
        else:
            state = ""
        context["state"] = state
        return context


class CaseListView(BaseListingView):
    page_title = _("Aanvragen")
    header_icon = "folder-open-inverse"
    template_name = "cases/admin/index.html"
    results_template_name = "cases/admin/index_results.html"
    index_url_name = f"{URL_NAMESPACE}:index"
    index_results_url_name = f"{URL_NAMESPACE}:index_results"
    filterset_class = CaseFilterSet
    is_searchable = True
    search_fields = ["reference", "title", "resident__name"]
    paginate_by = 50
    paginator_class = CappedPaginator
    default_ordering = "due_on"
    verbose_name = _("aanvraag")
    verbose_name_plural = _("aanvragen")

    columns = [
        TitleColumn(
            "reference",
            label=_("Kenmerk"),
            get_url=lambda case: case_url("edit", case.pk),
            sort_key="reference",
        ),
        Column("title", label=_("Onderwerp")),
        Column("case_type", label=_("Soort")),
        Column("status", label=_("Status")),
        Column("team", label=_("Team")),
        Column(
            "handler",
            label=_("Behandelaar"),
            accessor=lambda case: case.handler.get_full_name() if case.handler else "",
        ),
        DueColumn("due_on", label=_("Antwoord uiterlijk"), sort_key="due_on"),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not may_read_cases(request.user):
            return forbidden(request, _("U heeft geen toegang tot aanvragen."))
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_base_queryset(self):
        return Case.objects.readable_by_staff(self.request.user).select_related(
            "case_type", "status", "team", "handler", "clock"
        )

    def order_queryset(self, queryset):
        # Open cases first, then by the column the user sorted on.
        closed = ExpressionWrapper(Q(closed_at__isnull=False), output_field=BooleanField())
        return queryset.alias(closed=closed).order_by("closed", self.ordering, "pk")

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        query = Q()
        for field in self.search_fields:
            query |= Q(**{f"{field}__icontains": self.search_query})
        return queryset.filter(query)

    @cached_property
    def today(self):
        return timezone.localdate()

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["today"] = self.today
        if not self.results_only:
            context["queues"] = self.queue_summary()
        return context

    def queue_summary(self):
        """The user's own open cases and, per team of theirs, the four team queues."""
        user = self.request.user
        acting = Case.objects.visible_to_staff(user)
        counts = acting.queue_counts(user=user, today=self.today)
        teams = Team.objects.of_user(user)
        return {
            "mine": acting.in_queue(Queue.MINE, user=user, today=self.today).count(),
            "teams": [(team, counts.get(team.pk, {})) for team in teams],
        }

"""The "Servicenormen" page in the Wagtail admin and its CSV export."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from contacts.backoffice import dashboard, dashboard_csv, dashboard_scores
from contacts.backoffice.dashboard_norms import MONTHS, WEEKS, norm_figures
from contacts.backoffice.dashboard_open import LABELS, open_work
from contacts.backoffice.dashboard_volume import (
    BASELINE_DAYS,
    FACTOR,
    MIN_CONTACTS,
    unusual_volume,
)

KINDS = dict(dashboard.KIND_CHOICES)


def scope_for(request) -> dashboard.TeamScope:
    """The user's team scope, worked out once per request (menu, panels and page share it)."""
    if not hasattr(request, "_dashboard_scope"):
        request._dashboard_scope = dashboard.team_scope(request.user)
    return request._dashboard_scope


def may_view(request) -> bool:
    scope = scope_for(request)
    return scope.all_teams or bool(scope.teams)


def may_see_volume(request) -> bool:
    return may_view(request) and request.user.has_perm(dashboard.ALERT_PERMISSION)


class Filters:
    """The choices at the top of the page: kind of clock and team, both optional."""

    def __init__(self, request, scope: dashboard.TeamScope):
        kind = request.GET.get("soort", "")
        self.kind = kind if kind in KINDS else ""
        slug = request.GET.get("team", "")
        # Only a team the user sees; anything else shows all of theirs.
        self.team = slug if any(team.slug == slug for team in scope.teams) else ""
        self.scope = scope.narrowed(self.team) if self.team else scope
        self.teams = scope.teams

    def querystring(self) -> str:
        chosen = {"soort": self.kind, "team": self.team}
        return urlencode({key: value for key, value in chosen.items() if value})


def _grouped(scope, rows):
    """The channel rows per team, in the order of the scope, with display-ready cells."""
    by_team = {}
    for row in rows:
        by_team.setdefault(row.team_id, []).append(row)
    team_ids = [team.pk for team in scope.teams] + ([None] if scope.all_teams else [])
    return [
        {"id": team_id, "name": scope.name(team_id), "rows": by_team[team_id]}
        for team_id in team_ids
        if team_id in by_team
    ]


class DashboardView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "contacts/admin/dashboard.html"
    page_title = "Servicenormen"
    header_icon = "time"

    def dispatch(self, request, *args, **kwargs):
        if not may_view(request):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        filters = Filters(self.request, scope_for(self.request))
        figures = norm_figures(now=now, kind=filters.kind)
        rows = figures.for_teams(filters.scope.team_ids)
        context.update(
            filters=filters,
            kinds=dashboard.KIND_CHOICES,
            open_labels=LABELS,
            open_rows=open_work(filters.scope, now=now, kind=filters.kind),
            figures=figures,
            weeks=figures.weeks,
            months=figures.months,
            week_count=WEEKS,
            month_count=MONTHS,
            teams=_grouped(filters.scope, rows),
            scores=dashboard_scores.scores_for(filters.scope, now=now),
            export_url=reverse("contacts_dashboard_csv"),
            querystring=filters.querystring(),
        )
        if may_see_volume(self.request):
            context.update(volume_context(now))
        return context


def volume_context(now: dt.datetime) -> dict:
    return {
        "show_volume": True,
        "surges": unusual_volume(now=now),
        "alert_add_url": dashboard_alert_url(),
        "volume_rule": (
            f"minstens {MIN_CONTACTS} contacten in de laatste 24 uur en minstens {FACTOR} keer "
            f"het gemiddelde per dag van de {BASELINE_DAYS // 7} weken daarvoor"
        ),
    }


def dashboard_alert_url() -> str:
    try:
        return reverse(dashboard.ALERT_ADD_URL_NAME)
    except NoReverseMatch:
        return ""


class DashboardExportView(View):
    """The same figures as CSV (for a spreadsheet): norms, open work or satisfaction."""

    def get(self, request):
        # A download link answers 404 rather than Wagtail's redirect to the dashboard.
        if not may_view(request):
            raise Http404
        filters = Filters(request, scope_for(request))
        part = request.GET.get("deel", "normen")
        if part not in dashboard_csv.PARTS:
            raise Http404
        now = timezone.now()
        rows = dashboard_csv.PARTS[part](filters, now=now)
        response = HttpResponse(
            "".join(dashboard_csv.csv_lines(rows)), content_type="text/csv; charset=utf-8"
        )
        filename = f"servicenormen-{part}-{timezone.localdate():%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        patch_cache_control(response, private=True, no_store=True)
        return response

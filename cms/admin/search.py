"""Search reports for editors: what residents searched for, and what found nothing.

Shown to people who maintain pages (superusers and the Editors group), not to every member of
staff: search terms are typed freely by residents. Wagtail's own "Search terms" report is for
superusers only; the "Promoted search results" admin registers itself under Settings, and so
do the synonyms ("Zoeksynoniemen"). Each search without results links to both, prefilled.
"""

import datetime as dt

import django_filters
from django.db.models import Count, F, Max, Sum
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode
from wagtail.admin.auth import permission_denied, user_has_any_page_permission
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views.reports import ReportView
from wagtail.contrib.search_promotions.models import QueryDailyHits
from wagtail.contrib.search_promotions.views.settings import CreateView as PromotionCreateView
from wagtail.snippets.views.snippets import CreateView as SnippetCreateView
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.models import SearchMiss, SearchSynonym

PERIODS = [("30", "Afgelopen 30 dagen"), ("90", "Afgelopen 90 dagen"), ("365", "Afgelopen jaar")]
DEFAULT_PERIOD = "30"


def can_view_search_reports(user) -> bool:
    return user_has_any_page_permission(user)


class PeriodFilterSet(WagtailFilterSet):
    # The period is applied before grouping (see SearchReportView.since), not here.
    period = django_filters.ChoiceFilter(
        label="Periode", choices=PERIODS, empty_label=None, method="keep"
    )

    def keep(self, queryset, name, value):
        return queryset


class SearchMissFilterSet(PeriodFilterSet):
    class Meta:
        model = SearchMiss
        fields = []


class QueryHitsFilterSet(PeriodFilterSet):
    class Meta:
        model = QueryDailyHits
        fields = []


class SearchReportView(ReportView):
    results_template_name = "cms/admin/search_report_results.html"
    header_icon = "search"
    is_searchable = True
    search_fields = ["query_string"]
    default_ordering = "-total"
    paginate_by = 50
    explanation = ""

    def dispatch(self, request, *args, **kwargs):
        if not can_view_search_reports(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def period(self) -> str:
        if self.filters and self.filters.is_valid():
            return self.filters.form.cleaned_data.get("period") or DEFAULT_PERIOD
        return DEFAULT_PERIOD

    @property
    def period_label(self) -> str:
        return dict(PERIODS)[self.period].lower()

    @property
    def since(self) -> dt.date:
        return timezone.localdate() - dt.timedelta(days=int(self.period) - 1)

    def order_queryset(self, queryset):
        # Equal counts in a stable, alphabetical order, also across pages.
        queryset = super().order_queryset(queryset)
        return queryset.order_by(*queryset.query.order_by, "query_string")


class MissActionsColumn(Column):
    """One click from a search without results to a synonym or a promoted result for it."""

    cell_template_name = "cms/admin/search_miss_actions.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        user = parent_context["request"].user
        query = {"zoekvraag": instance["query_string"]}
        if user.has_perm("cms.add_searchsynonym"):
            context["synonym_url"] = (
                f"{reverse('wagtailsnippets_cms_searchsynonym:add')}?{urlencode(query)}"
            )
        if user.has_perm("wagtailsearchpromotions.add_searchpromotion"):
            context["promotion_url"] = (
                f"{reverse('cms_search_reports:promotion_add')}?{urlencode(query)}"
            )
        return context


class SearchMissReportView(SearchReportView):
    page_title = "Zoekvragen zonder resultaat"
    index_url_name = "cms_search_reports:misses"
    index_results_url_name = "cms_search_reports:misses_results"
    filterset_class = SearchMissFilterSet
    export_filename = "zoekvragen-zonder-resultaat"
    explanation = (
        "Hierop vond de website niets. Schrijf een pagina, voeg het woord toe bij "
        "‘Zoekwoorden’ van een bestaande pagina, of maak een aanbevolen zoekresultaat."
    )
    columns = [
        Column("query_string", label="Zoekvraag", sort_key="query_string"),
        NumberColumn("total", label="Aantal keer gezocht", sort_key="total"),
        NumberColumn("days", label="Op aantal dagen", sort_key="days"),
        Column("last_seen", label="Laatst gezocht", sort_key="last_seen"),
        MissActionsColumn("actions", label="Oplossen"),
    ]
    list_export = ["query_string", "total", "days", "last_seen"]
    export_headings = {
        "query_string": "Zoekvraag",
        "total": "Aantal keer gezocht",
        "days": "Op aantal dagen",
        "last_seen": "Laatst gezocht",
    }

    def get_base_queryset(self):
        return (
            SearchMiss.objects.filter(date__gte=self.since)
            .values("query_string")
            .annotate(total=Sum("hits"), days=Count("pk"), last_seen=Max("date"))
        )


class PopularSearchReportView(SearchReportView):
    page_title = "Populaire zoekvragen"
    verbose_name = "zoekvraag"
    verbose_name_plural = "zoekvragen"
    index_url_name = "cms_search_reports:popular"
    index_results_url_name = "cms_search_reports:popular_results"
    filterset_class = QueryHitsFilterSet
    export_filename = "populaire-zoekvragen"
    explanation = (
        "Waar inwoners het vaakst naar zoeken. Controleer of de beste pagina bovenaan staat; "
        "zo niet, maak dan een aanbevolen zoekresultaat."
    )
    columns = [
        Column("query_string", label="Zoekvraag", sort_key="query_string"),
        NumberColumn("total", label="Aantal keer gezocht", sort_key="total"),
    ]
    list_export = ["query_string", "total"]
    export_headings = {"query_string": "Zoekvraag", "total": "Aantal keer gezocht"}

    def get_base_queryset(self):
        return (
            QueryDailyHits.objects.filter(date__gte=self.since)
            .values(query_string=F("query__query_string"))
            .annotate(total=Sum("hits"))
        )


class SynonymCreateView(SnippetCreateView):
    def get_initial(self):
        return {**super().get_initial(), "term": self.request.GET.get("zoekvraag", "")[:100]}


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "search"
    menu_label = "Zoeksynoniemen"
    menu_order = 910
    add_to_settings_menu = True
    list_display = ["term", "equivalents"]
    search_fields = ["term", "equivalents"]
    add_view_class = SynonymCreateView
    panels = [FieldPanel("term"), FieldPanel("equivalents")]


class PrefilledPromotionCreateView(PromotionCreateView):
    """Wagtail's form for promoted results, with the search term from the report filled in."""

    def get_initial(self):
        return {**super().get_initial(), "query_string": self.request.GET.get("zoekvraag", "")}


class SearchReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_search_reports(request.user)


urls = [
    path("zonder-resultaat/", SearchMissReportView.as_view(), name="misses"),
    path(
        "zonder-resultaat/resultaten/",
        SearchMissReportView.as_view(results_only=True),
        name="misses_results",
    ),
    path("aanbevolen/nieuw/", PrefilledPromotionCreateView.as_view(), name="promotion_add"),
    path("populair/", PopularSearchReportView.as_view(), name="popular"),
    path(
        "populair/resultaten/",
        PopularSearchReportView.as_view(results_only=True),
        name="popular_results",
    ),
]

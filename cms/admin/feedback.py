"""Reports menu: "Reacties op pagina's", with a page of comments and weekly counts per page."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import page_permission_policy

from cms.feedback import TREND_DAYS, decorate_row, feedback_per_page, feedback_per_week
from cms.models import PageFeedback

# Editors and superusers: whoever may add, change or publish pages. Staff who only process
# cases have admin access but no page permissions, and do not see the report.
EDITOR_PERMISSIONS = ["add", "change", "publish"]
COMMENTS_PER_PAGE = 50


def user_is_editor(user) -> bool:
    return page_permission_policy.user_has_any_permission(user, EDITOR_PERMISSIONS)


class PagesPaginator(WagtailPaginator):
    # Each row is a page, although the rows are grouped from PageFeedback.
    verbose_name = "pagina"
    verbose_name_plural = "pagina's"


class FeedbackReportView(ReportView):
    page_title = "Reacties op pagina's"
    header_icon = "comment"
    results_template_name = "cms/admin/feedback_report_results.html"
    index_url_name = "cms_feedback_report"
    index_results_url_name = "cms_feedback_report_results"
    model = Page
    any_permission_required = EDITOR_PERMISSIONS
    paginate_by = 50
    paginator_class = PagesPaginator

    def get_queryset(self):
        return feedback_per_page()

    def decorate_paginated_queryset(self, object_list):
        return [decorate_row(row) for row in object_list]

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["trend_days"] = TREND_DAYS
        return context


class PageFeedbackView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "cms/admin/feedback_page.html"
    header_icon = "comment"

    def dispatch(self, request, *args, **kwargs):
        if not user_is_editor(request.user):
            raise PermissionDenied
        self.page = get_object_or_404(Page, pk=kwargs["page_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"Reacties op {self.page.get_admin_display_title()}"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("cms_feedback_report"), "label": FeedbackReportView.page_title},
            {"url": "", "label": self.page.get_admin_display_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        comments = PageFeedback.objects.filter(page=self.page).exclude(comment="")
        context.update(
            page=self.page,
            weeks=feedback_per_week(self.page.pk),
            comments=Paginator(comments.order_by("-created_on", "-pk"), COMMENTS_PER_PAGE).get_page(
                self.request.GET.get("p")
            ),
        )
        return context


class EditorMenuItem(MenuItem):
    def is_shown(self, request):
        return user_is_editor(request.user)


urls = [
    path("reports/reacties/", FeedbackReportView.as_view(), name="cms_feedback_report"),
    path(
        "reports/reacties/resultaten/",
        FeedbackReportView.as_view(results_only=True),
        name="cms_feedback_report_results",
    ),
    path("reports/reacties/<int:page_id>/", PageFeedbackView.as_view(), name="cms_feedback_page"),
]

"""Admin views: form statistics for editors and the CSV export of submissions for staff."""

import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.permissions import page_permission_policy

from forms_app import reports
from forms_app.models import FormPage
from forms_app.services.submissions import submissions_export_record

logger = logging.getLogger(__name__)

USAGE_TITLE = "Formulieren: gebruik"


def user_can_view_form_usage(user) -> bool:
    """Editors: whoever may change pages (forms are pages), and superusers."""
    return page_permission_policy.user_has_permission(user, "change")


def user_can_export_submissions(user) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm("forms_app.view_submission"))


class EditorOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not user_can_view_form_usage(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class FormUsageReportView(EditorOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "forms_app/admin/usage_report.html"
    page_title = USAGE_TITLE
    header_icon = "form"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": USAGE_TITLE}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            usages=reports.forms_usage(since=reports.period_start()),
            period_days=reports.PERIOD_DAYS,
        )
        return context


class FormUsageDetailView(EditorOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "forms_app/admin/usage_detail.html"
    header_icon = "form"

    @cached_property
    def page(self):
        # Looked up after the permission check in dispatch.
        return get_object_or_404(FormPage, pk=self.kwargs["page_id"])

    def get_page_title(self):
        return f"Gebruik van {self.page.title}"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("forms_app_admin:usage"), "label": USAGE_TITLE},
            {"url": "", "label": self.page.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page=self.page,
            usage=reports.form_usage(page=self.page, since=reports.period_start()),
            period_days=reports.PERIOD_DAYS,
            can_export=user_can_export_submissions(self.request.user),
        )
        return context


class SubmissionsExportView(View):
    """The submissions of one form as CSV, only those whose case the user may see."""

    def get(self, request, page_id):
        # Without the permission the export does not exist for this user (Wagtail would turn
        # PermissionDenied into a redirect to the dashboard, odd for a download link).
        if not user_can_export_submissions(request.user):
            raise Http404
        page = get_object_or_404(FormPage, pk=page_id)
        submissions = reports.submissions_for_export(page=page, user=request.user)
        # Who exported which form, never what: the log holds no personal data.
        logger.info("Submissions of form page %s exported by user %s", page.pk, request.user.pk)
        submissions_export_record(page=page, submissions=submissions, user=request.user)
        response = StreamingHttpResponse(
            reports.csv_lines(reports.export_rows(page=page, submissions=submissions)),
            content_type="text/csv; charset=utf-8",
        )
        # ASCII only: a header value cannot carry every character a slug may have.
        filename = (
            f"inzendingen-{slugify(page.slug) or page.pk}-{timezone.localdate():%Y-%m-%d}.csv"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        patch_cache_control(response, private=True, no_store=True)
        return response

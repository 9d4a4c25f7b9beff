"""Admin: the "Formulieren: gebruik" report (Reports menu) and the CSV export of submissions."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from forms_app import assisted
from forms_app.admin_views import (
    USAGE_TITLE,
    FormUsageDetailView,
    FormUsageReportView,
    SubmissionsExportView,
    user_can_view_form_usage,
)
from forms_app.views.assisted import assist_index, assist_start

_urls = [
    path("namens/", assist_index, name="assist_index"),
    path("<int:page_id>/namens/", assist_start, name="assist"),
    path("gebruik/", FormUsageReportView.as_view(), name="usage"),
    path("gebruik/<int:page_id>/", FormUsageDetailView.as_view(), name="usage_detail"),
    path("<int:page_id>/inzendingen.csv", SubmissionsExportView.as_view(), name="export"),
]


class EditorMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_view_form_usage(request.user)


@hooks.register("register_admin_urls")
def register_forms_admin_urls():
    return [path("formulieren/", include((_urls, "forms_app_admin")))]


@hooks.register("register_reports_menu_item")
def register_form_usage_menu_item():
    return EditorMenuItem(
        USAGE_TITLE,
        reverse("forms_app_admin:usage"),
        name="form-usage",
        icon_name="form",
        order=1330,
    )


class AssistMenuItem(MenuItem):
    def is_shown(self, request):
        return assisted.may_assist(request.user)


@hooks.register("register_admin_menu_item")
def register_assist_menu_item():
    return AssistMenuItem(
        "Namens inwoner invullen",
        reverse("forms_app_admin:assist_index"),
        name="assist",
        icon_name="form",
        order=250,
    )

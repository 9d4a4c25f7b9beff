"""Every admin URL of a case. Nothing else in the admin shows a case: no library views
(create, delete, inspect, history) exist for it."""

from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem
from wagtail.admin.viewsets.base import ViewSet

from cases.admin_views.access import may_read_cases
from cases.admin_views.actions import ACTIONS
from cases.admin_views.attachments import message_attachment
from cases.admin_views.listing import CaseListView
from cases.admin_views.process import (
    URL_NAMESPACE,
    CaseActionView,
    CaseProcessView,
    SubtaskCompleteView,
    case_url,
)
from cases.constants import Queue
from cases.models import Case


class CaseMenuItem(MenuItem):
    def is_shown(self, request):
        return may_read_cases(request.user)


class CaseViewSet(ViewSet):
    name = URL_NAMESPACE
    url_prefix = "cases/case"
    icon = "folder-open-inverse"
    menu_label = gettext_lazy("Aanvragen")
    menu_order = 200
    add_to_admin_menu = True
    menu_item_class = CaseMenuItem

    def get_urlpatterns(self):
        return [
            path("", CaseListView.as_view(), name="index"),
            path("results/", CaseListView.as_view(results_only=True), name="index_results"),
            path("edit/<int:pk>/", CaseProcessView.as_view(), name="edit"),
            *(
                path(f"edit/<int:pk>/{name}/", CaseActionView.as_view(action=name), name=name)
                for name in ACTIONS
            ),
            path("bijlage/<uuid:uuid>/", message_attachment, name="message_attachment"),
            path(
                "edit/<int:pk>/task/<int:task_pk>/",
                SubtaskCompleteView.as_view(),
                name="subtask_complete",
            ),
        ]


class MyCasesMenuItem(MenuItem):
    """ "Mijn aanvragen (3)": the open cases the user handles, counted on every admin page."""

    def is_shown(self, request):
        return may_read_cases(request.user)

    def render_component(self, request):
        user = request.user
        count = (
            Case.objects.visible_to_staff(user)
            .in_queue(Queue.MINE, user=user, today=timezone.localdate())
            .count()
        )
        return LinkMenuItem(
            self.name,
            _("Mijn aanvragen (%(count)s)") % {"count": count},
            self.url,
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )


def my_cases_menu_item():
    return MyCasesMenuItem(
        gettext_lazy("Mijn aanvragen"),
        case_url("index") + f"?queue={Queue.MINE.value}",
        name="my-cases",
        icon_name="user",
        order=201,
    )

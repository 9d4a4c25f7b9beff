from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.search import SearchArea

from cases.admin_views.access import may_read_cases
from cases.admin_views.case_types import CaseTypeViewSet
from cases.admin_views.viewset import CaseViewSet, my_cases_menu_item


@hooks.register("register_admin_viewset")
def register_case_viewsets():
    return [CaseViewSet(), CaseTypeViewSet("casetypes", url_prefix="cases/casetype")]


@hooks.register("register_admin_menu_item")
def register_my_cases_menu_item():
    return my_cases_menu_item()


class CaseSearchArea(SearchArea):
    """The admin's search box also finds cases, for staff who may read them."""

    def is_shown(self, request):
        return may_read_cases(request.user)


@hooks.register("register_admin_search_area")
def register_case_search_area():
    return CaseSearchArea(
        _("Aanvragen"), reverse("cases_case:index"), icon_name="folder-open-inverse", order=250
    )

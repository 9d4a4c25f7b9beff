from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from cases.admin_views import CaseProcessView
from cases.models import Case


class CasePermissionHelper(PermissionHelper):
    """Cases are opened by residents and the contact centre, never created or deleted here."""

    def user_can_create(self, user):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


@modeladmin_register
class CaseAdmin(ModelAdmin):
    model = Case
    menu_label = _("Aanvragen")
    menu_icon = "folder-open-inverse"
    menu_order = 200
    list_display = ("reference", "title", "status", "team", "handler", "due_on")
    list_filter = ("team", "case_type", "status__name")
    search_fields = ("reference", "title")
    ordering = ("closed_at", "due_on")
    list_per_page = 50
    permission_helper_class = CasePermissionHelper
    edit_view_class = CaseProcessView
    add_to_admin_menu = True

    def get_queryset(self, request):
        return Case.objects.visible_to_staff(request.user).select_related(
            "status", "team", "handler", "case_type"
        )

"""Keeping pages current: the dashboard panel "Te controleren pagina's" for the teams of the
logged-in user, and the page action "Gecontroleerd, geen wijzigingen"."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import formats
from django.views.generic import TemplateView
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.models import Page

from cms.constants import REVIEW_DUE_SOON_DAYS
from cms.models.mixins import ContentOwnershipMixin
from cms.review import due_pages, upcoming_pages
from cms.services import page_review_record

PANEL_LIMIT = 20
UPCOMING_LIMIT = 5
REVIEWED_LABEL = "Gecontroleerd, geen wijzigingen"


class ReviewDuePanel(Component):
    name = "review_due"
    template_name = "cms/admin/review_due_panel.html"
    order = 150

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        pages, total = due_pages(user=self.request.user, limit=PANEL_LIMIT)
        context.update(
            pages=pages,
            total=total,
            more=total - len(pages),
            soon_days=REVIEW_DUE_SOON_DAYS,
            # Only asked when nothing is due: then the panel says what comes next.
            upcoming=[] if pages else upcoming_pages(user=self.request.user, limit=UPCOMING_LIMIT),
        )
        return context


def _may_record_review(page, user) -> bool:
    return (
        isinstance(page, ContentOwnershipMixin)
        and page.live
        and page.permissions_for_user(user).can_edit()
    )


class PageReviewedView(WagtailAdminTemplateMixin, TemplateView):
    """Confirm and record a check of the live page; nothing is published."""

    template_name = "cms/admin/page_reviewed_confirm.html"
    header_icon = "check"
    page_title = REVIEWED_LABEL

    def dispatch(self, request, *args, **kwargs):
        self.page = get_object_or_404(Page, pk=kwargs["page_id"]).specific
        if not _may_record_review(self.page, request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_context_data(self, **kwargs):
        return super().get_context_data(page=self.page, **kwargs)

    def post(self, request, *args, **kwargs):
        page_review_record(page=self.page, user=request.user)
        messages.success(
            request,
            f"‘{self.page.get_admin_display_title()}’ is gecontroleerd. De volgende controle is "
            f"vóór {formats.date_format(self.page.review_by, 'j F Y')}.",
        )
        return redirect("wagtailadmin_pages:edit", self.page.pk)


class PageReviewedMenuItem(ActionMenuItem):
    label = REVIEWED_LABEL
    name = "action-reviewed"
    icon_name = "check"

    def is_shown(self, context):
        if context["view"] != "edit" or context.get("locked_for_user"):
            return False
        page = context["page"]
        return (
            isinstance(page, ContentOwnershipMixin)
            and page.live
            and (self.get_user_page_permissions_tester(context).can_edit())
        )

    def get_url(self, parent_context):
        return reverse("cms_page_reviewed", args=[parent_context["page"].pk])


urls = [
    path(
        "paginas/<int:page_id>/gecontroleerd/", PageReviewedView.as_view(), name="cms_page_reviewed"
    )
]

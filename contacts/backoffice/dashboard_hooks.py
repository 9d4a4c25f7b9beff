"""Wagtail hooks for the service-norm dashboard: the "Servicenormen" menu item and page, its
CSV export, and two panels on the admin home page (open work; unusual volume for Nieuws)."""

from django.urls import path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from contacts.backoffice.dashboard_open import open_work
from contacts.backoffice.dashboard_views import (
    DashboardExportView,
    DashboardView,
    may_see_volume,
    may_view,
    scope_for,
    volume_context,
)


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return may_view(request)


@hooks.register("register_admin_urls")
def register_dashboard_urls():
    return [
        path("servicenormen/", DashboardView.as_view(), name="contacts_dashboard"),
        path(
            "servicenormen/export.csv",
            DashboardExportView.as_view(),
            name="contacts_dashboard_csv",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return DashboardMenuItem(
        "Servicenormen",
        reverse("contacts_dashboard"),
        name="servicenormen",
        icon_name="time",
        order=210,
    )


class OpenWorkPanel(Component):
    name = "service_norms"
    template_name = "contacts/admin/dashboard_panel.html"
    order = 110

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context.update(
            rows=open_work(scope_for(self.request), now=timezone.now()),
            dashboard_url=reverse("contacts_dashboard"),
        )
        return context


class VolumePanel(Component):
    name = "unusual_volume"
    template_name = "contacts/admin/dashboard_volume_panel.html"
    order = 120

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context.update(volume_context(timezone.now()))
        return context


@hooks.register("construct_homepage_panels")
def add_dashboard_panels(request, panels):
    if not may_view(request):
        return
    panels.append(OpenWorkPanel(request))
    if may_see_volume(request):
        panels.append(VolumePanel())

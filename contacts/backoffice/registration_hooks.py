"""Wagtail hooks for registering contacts and working on tasks: admin URLs and menu items."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem

from contacts.backoffice.access import user_is_contact_staff
from contacts.backoffice.registration import (
    PAGE_TITLE,
    PersonChooseView,
    RegisterContactView,
    ResidentCreateView,
    ResidentSearchView,
)
from contacts.backoffice.work import (
    MY_WORK,
    TaskClaimView,
    TaskCompleteView,
    TaskDetailView,
    TaskHandOverView,
    WorkQueueView,
)
from contacts.selectors import work_count

_urls = [
    # A short address to type or bookmark: /admin/contact/nieuw/
    path("contact/nieuw/", RegisterContactView.as_view(), name="register"),
    path("contact/nieuw/zoeken/", ResidentSearchView.as_view(), name="search"),
    path("contact/nieuw/inwoner/", ResidentCreateView.as_view(), name="resident_create"),
    path("contact/nieuw/persoon/", PersonChooseView.as_view(), name="choose_person"),
    path("taken/", WorkQueueView.as_view(), name="work"),
    path("taken/team/<slug:slug>/", WorkQueueView.as_view(), name="team_work"),
    path("taken/<int:pk>/", TaskDetailView.as_view(), name="task"),
    path("taken/<int:pk>/oppakken/", TaskClaimView.as_view(), name="task_claim"),
    path("taken/<int:pk>/overdragen/", TaskHandOverView.as_view(), name="task_hand_over"),
    path("taken/<int:pk>/afronden/", TaskCompleteView.as_view(), name="task_complete"),
]


@hooks.register("register_admin_urls")
def register_backoffice_urls():
    return [path("", include((_urls, "contacts_admin")))]


class ContactStaffMenuItem(MenuItem):
    def is_shown(self, request):
        return user_is_contact_staff(request.user)


class WorkMenuItem(ContactStaffMenuItem):
    """ "Mijn werk (3)": the open tasks waiting for this user, counted in one query."""

    def render_component(self, request):
        label = f"{self.label} ({work_count(request.user)})"
        return LinkMenuItem(self.name, label, self.url, icon_name=self.icon_name)


@hooks.register("register_admin_menu_item")
def register_contact_menu_item():
    return ContactStaffMenuItem(
        PAGE_TITLE,
        reverse("contacts_admin:register"),
        name="contact-register",
        icon_name="comment",
        order=150,
    )


@hooks.register("register_admin_menu_item")
def register_work_menu_item():
    return WorkMenuItem(
        MY_WORK, reverse("contacts_admin:work"), name="my-work", icon_name="tasks", order=160
    )

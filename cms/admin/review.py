"""Dashboard: "Te controleren pagina's" for the teams of the logged-in user."""

from wagtail import hooks
from wagtail.admin.ui.components import Component

from cms.constants import REVIEW_DUE_SOON_DAYS
from cms.review import due_pages

PANEL_LIMIT = 20


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
        )
        return context


@hooks.register("construct_homepage_panels")
def add_review_due_panel(request, panels):
    panels.append(ReviewDuePanel(request))

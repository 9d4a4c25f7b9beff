"""Every admin hook of the public website in one place. The views, panels and viewsets they
register live in cms/admin/, one module per area."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from cms.admin import alerts, feedback, readability, review, search

register_snippet(alerts.AlertViewSet)
register_snippet(readability.JargonTermViewSet)
register_snippet(search.SearchSynonymViewSet)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        *feedback.urls,
        *readability.urls,
        *review.urls,
        path("zoekvragen/", include((search.urls, "cms_search_reports"))),
    ]


@hooks.register("construct_homepage_panels")
def add_dashboard_panels(request, panels):
    panels.append(readability.ReadabilityToReviewPanel(request))
    panels.append(review.ReviewDuePanel(request))


@hooks.register("register_page_action_menu_item")
def register_page_reviewed_menu_item():
    return review.PageReviewedMenuItem(order=45)


@hooks.register("register_log_actions")
def register_review_log_action(actions):
    actions.register_action("cms.page_reviewed", review.REVIEWED_LABEL, review.REVIEWED_LABEL)


@hooks.register("register_reports_menu_item")
def register_feedback_report_menu_item():
    return feedback.EditorMenuItem(
        "Reacties op pagina's",
        reverse("cms_feedback_report"),
        name="page-feedback",
        icon_name="comment",
        order=1300,
    )


@hooks.register("register_reports_menu_item")
def register_search_misses_menu_item():
    return search.SearchReportMenuItem(
        "Zoekvragen zonder resultaat",
        reverse("cms_search_reports:misses"),
        name="search-misses",
        icon_name="search",
        order=1310,
    )


@hooks.register("register_reports_menu_item")
def register_popular_searches_menu_item():
    return search.SearchReportMenuItem(
        "Populaire zoekvragen",
        reverse("cms_search_reports:popular"),
        name="popular-searches",
        icon_name="search",
        order=1320,
    )

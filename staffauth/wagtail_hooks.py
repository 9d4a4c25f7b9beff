from django.urls import include, path, reverse
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.widgets import Button

from staffauth import admin_views, selectors

_urls = [
    path("account/herstelcodes/", admin_views.RecoveryCodesView.as_view(), name="recovery_codes"),
    path("koppellink/<int:user_id>/", admin_views.IssueLinkView.as_view(), name="issue_link"),
]


@hooks.register("register_admin_urls")
def register_staffauth_admin_urls():
    return [path("", include((_urls, "staffauth_admin")))]


@hooks.register("register_account_menu_item")
def recovery_codes_menu_item(request):
    if not selectors.has_app(request.user):
        return None
    left = selectors.recovery_codes_left(request.user)
    help_text = ngettext(
        "U heeft nog %(count)d ongebruikte herstelcode.",
        "U heeft nog %(count)d ongebruikte herstelcodes.",
        left,
    ) % {"count": left}
    if left <= selectors.FEW_RECOVERY_CODES:
        help_text += " Maak nieuwe aan."
    return {
        "url": reverse("staffauth_admin:recovery_codes"),
        "label": "Herstelcodes vernieuwen",
        "help_text": help_text,
    }


@hooks.register("register_user_listing_buttons")
def enrolment_link_button(user, request_user):
    if not selectors.may_issue_link_for(request_user, user):
        return []
    return [
        Button(
            "Koppellink maken",
            reverse("staffauth_admin:issue_link", args=[user.pk]),
            icon_name="key",
            priority=50,
        )
    ]

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from outbox.models import OutboundEmail
from outbox.permissions import SuperuserReadOnlyPolicy


class OutboundEmailViewSet(ModelViewSet):
    """Every queued, sent and undelivered e-mail, for superusers: in development too, a
    failed e-mail stays visible here instead of being lost."""

    model = OutboundEmail
    name = "outbound_email"
    icon = "mail"
    menu_label = "Uitgaande e-mail"
    menu_order = 9000
    add_to_settings_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["subject", "status", "attempts", "created_at", "sent_at", "given_up_at"]
    list_filter = ["status"]
    # No one may add or edit (see the policy); Wagtail wants a form all the same.
    form_fields = ["subject"]
    inspect_view_fields = [
        "subject",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "next_attempt_at",
        "sent_at",
        "given_up_at",
        # Not the body: a waiting e-mail holds resume, follow and confirmation links, which
        # work like passwords for the resident they were sent to.
    ]


register_permission_policy(OutboundEmail, SuperuserReadOnlyPolicy(OutboundEmail))


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return OutboundEmailViewSet()

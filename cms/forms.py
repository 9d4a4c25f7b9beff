from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


def default_owner_group(*, user, parent=None) -> Group | None:
    """The team of the editor (the first by name if they are in several); without one, the
    team that owns the parent page."""
    if user is not None and user.is_authenticated:
        team_group = user.groups.filter(team__isnull=False).order_by("name").first()
        if team_group is not None:
            return team_group
    if parent is not None:
        return getattr(parent.specific_deferred, "owner_group", None)
    return None


class OwnedPageForm(WagtailAdminPageForm):
    """Every public page has a team that keeps it current ("teams zijn verantwoordelijk")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("owner_group")
        if field is None:
            return
        # The model allows none (a team may be removed); an editor must always choose one.
        field.required = True
        # Teams are the groups with a contacts.Team; other groups (Redactie) own nothing.
        field.queryset = field.queryset.filter(team__isnull=False)
        field.error_messages["required"] = _("Kies het team dat deze pagina actueel houdt.")
        if not self.is_bound and not self.instance.owner_group_id:
            default = default_owner_group(user=self.for_user, parent=self.parent_page)
            if default is not None:
                self.initial["owner_group"] = default.pk

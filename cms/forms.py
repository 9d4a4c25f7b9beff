from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class OwnedPageForm(WagtailAdminPageForm):
    """Every public page has a team that keeps it current ("teams zijn verantwoordelijk")."""

    def clean(self):
        cleaned_data = super().clean()
        if "owner_group" in self.fields and not cleaned_data.get("owner_group"):
            self.add_error("owner_group", _("Kies het team dat deze pagina actueel houdt."))
        return cleaned_data

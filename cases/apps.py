from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Aanvragen en meldingen")

    def ready(self):
        # The contact registration screen shows open cases and can open one (contacts may
        # not import cases, so cases plugs in).
        from cases import contact_extensions

        contact_extensions.register()
        # The service-norm dashboard: case references, satisfaction scores, load data.
        from cases import dashboard_extensions

        dashboard_extensions.register()
        # Cached reads (cases.selectors) forgotten when what they read changes.
        from cases import signals  # noqa: F401

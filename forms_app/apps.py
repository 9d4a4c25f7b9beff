from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FormsAppConfig(AppConfig):
    name = "forms_app"
    verbose_name = _("Formulieren")

    def ready(self):
        from cases.panels import register_case_panel
        from forms_app.case_panel import submission_panel

        register_case_panel(submission_panel)

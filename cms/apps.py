from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Website")

    def ready(self):
        # Connects the receivers: cache purges (signals), publishing counts as a check (review),
        # synonym edits reach search at once (search).
        from cms import signals, signals_review, signals_search  # noqa: F401

from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Operations: rate limits, request ids, log scrubbing, security headers, error pages.

    The bottom layer: it imports none of our apps, so every app may use it.
    """

    name = "ops"
    verbose_name = "Beheer en beveiliging"

from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = "Uitgaande e-mail"
    default_auto_field = "django.db.models.BigAutoField"

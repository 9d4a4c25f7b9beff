from django.apps import AppConfig
from django.db.models.signals import post_migrate


class DigidMockConfig(AppConfig):
    name = "digid_mock"
    verbose_name = "DigiD (testomgeving)"

    def ready(self):
        from digid_mock.setup import ensure_client

        post_migrate.connect(ensure_client, sender=self)

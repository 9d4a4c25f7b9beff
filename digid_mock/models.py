from django.conf import settings
from django.db import models


class MockPerson(models.Model):
    """A person who logged in at the mock provider.

    Stands in for DigiD's own register: the BSN is what the provider hands to the portal.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    bsn_token = models.TextField(help_text="Encrypted BSN (Fernet).")
    bsn_lookup = models.CharField(max_length=64, unique=True)
    # The acr of the latest login: the tester picks a level of assurance on the mock's page.
    level = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name = "DigiD-testpersoon"

    def __str__(self):
        return self.user.username


class MockBusiness(models.Model):
    """A business that logged in at the mock with eHerkenning: a KvK number, maybe a branch.

    KvK numbers are public (the Handelsregister), so they are kept as they are.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    kvk_number = models.CharField(max_length=8)
    branch_number = models.CharField(max_length=12, blank=True)
    level = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name = "eHerkenning-testbedrijf"
        constraints = [
            models.UniqueConstraint(
                fields=["kvk_number", "branch_number"], name="digid_mock_business_unique"
            )
        ]

    def __str__(self):
        return self.user.username

from django.db import models
from django.utils.translation import gettext_lazy as _


class ScanStatus(models.TextChoices):
    CLEAN = "clean", _("Gescand, geen virus gevonden")
    NOT_SCANNED = "not_scanned", _("Niet gescand")


# Step key of "Controleer uw antwoorden", after the editor's steps.
CHECK_STEP = "controleren"

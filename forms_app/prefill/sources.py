from django.db import models
from django.utils.translation import gettext_lazy as _


class PrefillSource(models.TextChoices):
    """Where a logged-in resident's answer comes from: "vraag het maar één keer"."""

    NAME = "name", _("Naam (uit de BRP)")
    ADDRESS = "address", _("Adres (uit de BRP)")
    EMAIL = "email", _("E-mailadres (uit Mijn Hogeland)")
    PHONE = "phone", _("Telefoonnummer (uit Mijn Hogeland)")

from django.db import models


class EmailStatus(models.TextChoices):
    PENDING = "pending", "Wacht op verzending"
    # Handed to the mail server by a worker that has not yet reported back.
    SENDING = "sending", "Wordt verzonden"
    SENT = "sent", "Verzonden"
    FAILED = "failed", "Niet bezorgd"

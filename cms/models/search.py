from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SearchMiss(models.Model):
    """A search that found nothing, counted per day, so editors add content where people look."""

    query_string = models.CharField(_("zoekvraag"), max_length=255)
    date = models.DateField(_("datum"), default=timezone.localdate)
    hits = models.PositiveIntegerField(_("aantal keer"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["query_string", "date"], name="unique_search_miss_day")
        ]
        verbose_name = _("zoekvraag zonder resultaat")
        verbose_name_plural = _("zoekvragen zonder resultaat")

    def __str__(self):
        return self.query_string

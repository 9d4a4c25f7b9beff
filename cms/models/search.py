from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search import index


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


def _phrase(text: str) -> str:
    return " ".join(text.lower().split())


class SearchSynonym(index.Indexed, models.Model):
    """Words residents type that mean the same as words on the website.

    Works both ways: a search for any of the words also finds pages with the others.
    """

    term = models.CharField(
        _("zoekwoord"),
        max_length=100,
        unique=True,
        help_text=_("Wat inwoners typen, bijvoorbeeld ‘lantaarnpaal’."),
    )
    equivalents = models.CharField(
        _("betekent hetzelfde als"),
        max_length=500,
        help_text=_(
            "Woorden met dezelfde betekenis, gescheiden door komma's, "
            "bijvoorbeeld ‘straatverlichting, verlichting’."
        ),
    )

    search_fields = [index.SearchField("term"), index.SearchField("equivalents")]

    class Meta:
        ordering = ["term"]
        verbose_name = _("zoeksynoniem")
        verbose_name_plural = _("zoeksynoniemen")

    def __str__(self):
        return self.term

    @property
    def phrases(self) -> list[str]:
        """The term and its equivalents, lower case, each once."""
        words = [self.term, *self.equivalents.split(",")]
        return list(dict.fromkeys(p for p in (_phrase(w) for w in words) if p))

    def clean(self):
        self.term = _phrase(self.term)
        others = [p for p in self.phrases if p != self.term]
        if not others:
            raise ValidationError(
                {"equivalents": _("Vul minstens één ander woord in dan het zoekwoord.")}
            )
        self.equivalents = ", ".join(others)

"""Page feedback ("Was deze informatie nuttig?"): the form, the scrubbing, the counts.

Visitors are asked not to type personal data, but some will. Whatever looks like an e-mail
address, a phone number, an IBAN or a BSN is replaced before anything is stored, so the
comments can be read by every editor without becoming a register of personal data.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django import forms
from django.db.models import Count, Q
from django.utils import timezone
from wagtail.models import Page

from cms.models import PageFeedback

COMMENT_MAX_LENGTH = 1000
REMOVED = "[verwijderd]"
TREND_DAYS = 30
WEEKS_SHOWN = 12

# Order matters: an e-mail address or IBAN contains digits that the phone and number
# patterns would otherwise take apart.
_PERSONAL_DATA = [
    re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    # IBAN, e.g. NL91 ABNA 0417 1643 00.
    re.compile(r"\b[A-Z]{2}\d{2}\s?[A-Z]{4}(?:\s?\d){10}\b", re.IGNORECASE),
    # Dutch phone numbers: 06-12345678, 0595 44 77 77, +31 6 1234 5678, (0595) 447777.
    re.compile(r"(?<![\w+])(?:\+31|0031|0)[\s.-]?(?:\(0\)[\s.-]?)?(?:\d[\s.-]?){8}\d(?![\d:])"),
    re.compile(r"\(0\d{2,3}\)[\s.-]?(?:\d[\s.-]?){5,6}\d(?![\d:])"),
    # Other international numbers.
    re.compile(r"\+\d{2,3}[\s.-]?(?:\d[\s.-]?){6,11}\d(?![\d:])"),
    # Nine or more digits: a BSN (123456789, 1234.56.789) or another personal number.
    # A following colon means a time ("01-03-2026 10:30"), which is no personal data.
    re.compile(r"(?<!\d)(?<!\d\.)(?:\d[\s.-]?){8,}\d(?![\d:])"),
    # An 8-digit BSN (the leading zero left out) written as one run of digits.
    re.compile(r"(?<!\d)\d{8}(?!\d)"),
]


def scrub_personal_data(text: str) -> str:
    """Replace what looks like personal data by "[verwijderd]"."""
    for pattern in _PERSONAL_DATA:
        text = pattern.sub(REMOVED, text)
    return text


class CommentField(forms.CharField):
    def to_python(self, value):
        # Browsers count a line break as one character for maxlength but send two.
        return super().to_python(value).replace("\r\n", "\n")


class FeedbackForm(forms.Form):
    page = forms.ModelChoiceField(queryset=Page.objects.none(), widget=forms.HiddenInput)
    helpful = forms.ChoiceField(
        choices=[("ja", "Ja"), ("nee", "Nee")],
        error_messages={"required": "Kies Ja of Nee.", "invalid_choice": "Kies Ja of Nee."},
    )
    comment = CommentField(
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        error_messages={"max_length": "Gebruik maximaal 1000 tekens."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only live public pages: a private one must not even be confirmed to exist. Set here,
        # not on the class: `.public()` reads the view restrictions when it is built.
        self.fields["page"].queryset = Page.objects.live().public()

    def clean_comment(self):
        # Scrubbing may lengthen the text; the stored comment stays within the limit.
        return scrub_personal_data(self.cleaned_data["comment"])[:COMMENT_MAX_LENGTH]


@dataclass(frozen=True)
class Trend:
    recent_share: int | None
    previous_share: int | None

    @property
    def direction(self) -> str:
        if self.recent_share is None or self.previous_share is None:
            return ""
        if self.recent_share > self.previous_share:
            return "beter"
        if self.recent_share < self.previous_share:
            return "slechter"
        return "gelijk"


def share(yes: int, total: int) -> int | None:
    """Percentage of "Ja", or None when nobody answered."""
    return round(100 * yes / total) if total else None


def feedback_per_page(today: dt.date | None = None):
    """One row per page with reactions, most "Nee" first; a single grouped query."""
    today = today or timezone.localdate()
    recent = Q(created_on__gt=today - dt.timedelta(days=TREND_DAYS))
    previous = Q(created_on__gt=today - dt.timedelta(days=2 * TREND_DAYS)) & ~recent
    return (
        PageFeedback.objects.values("page_id", "page__title")
        .annotate(
            yes=Count("pk", filter=Q(helpful=True)),
            no=Count("pk", filter=Q(helpful=False)),
            comments=Count("pk", filter=~Q(comment="")),
            recent_yes=Count("pk", filter=recent & Q(helpful=True)),
            recent_total=Count("pk", filter=recent),
            previous_yes=Count("pk", filter=previous & Q(helpful=True)),
            previous_total=Count("pk", filter=previous),
        )
        .order_by("-no", "page__title", "page_id")
    )


def decorate_row(row: dict) -> dict:
    """Add the share of "Ja" and the trend to a row of :func:`feedback_per_page`."""
    return {
        **row,
        "share": share(row["yes"], row["yes"] + row["no"]),
        "trend": Trend(
            recent_share=share(row["recent_yes"], row["recent_total"]),
            previous_share=share(row["previous_yes"], row["previous_total"]),
        ),
    }


@dataclass(frozen=True)
class Week:
    starts_on: dt.date
    yes: int
    no: int

    @property
    def ends_on(self) -> dt.date:
        return self.starts_on + dt.timedelta(days=6)

    @property
    def share(self) -> int | None:
        return share(self.yes, self.yes + self.no)


def feedback_per_week(page_id: int, today: dt.date | None = None) -> list[Week]:
    """Counts per week (Monday to Sunday) for the last 12 weeks, newest first."""
    today = today or timezone.localdate()
    this_monday = today - dt.timedelta(days=today.weekday())
    mondays = [this_monday - dt.timedelta(weeks=n) for n in range(WEEKS_SHOWN)]
    counts = {monday: [0, 0] for monday in mondays}
    per_day = (
        PageFeedback.objects.filter(page_id=page_id, created_on__gte=mondays[-1])
        .values("created_on")
        .annotate(yes=Count("pk", filter=Q(helpful=True)), no=Count("pk", filter=Q(helpful=False)))
        .order_by()
    )
    for day in per_day:
        monday = day["created_on"] - dt.timedelta(days=day["created_on"].weekday())
        if monday in counts:
            counts[monday][0] += day["yes"]
            counts[monday][1] += day["no"]
    return [Week(starts_on=monday, yes=yes, no=no) for monday, (yes, no) in counts.items()]

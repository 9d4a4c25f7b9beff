"""Reports on forms: statistics for editors and the CSV export of submissions for staff.

Statistics ("meten is weten") are counted from FormRun, without personal data. A run is
counted in the period in which it started, so "submitted" and "completion rate" are about the
same people. ``FormRun.last_step`` is the last step a resident completed ("" when they never
got past the first step); the drop-off is grouped by it. The statistics make a fixed number
of queries, however many runs there are.
"""

from __future__ import annotations

import csv
import datetime as dt
import statistics
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.utils import timezone

from forms_app import answers as answer_contract
from forms_app.models import FormPage, FormRun, Submission

PERIOD_DAYS = 30


@dataclass
class DropOff:
    last_step: str
    label: str
    count: int
    share: int | None  # percentage of the runs started


@dataclass
class FormUsage:
    page: FormPage
    started: int = 0
    submitted: int = 0
    median_seconds: float | None = None
    drop_off: list[DropOff] = field(default_factory=list)

    @property
    def stopped(self) -> int:
        return self.started - self.submitted

    @property
    def completion_rate(self) -> int | None:
        """Percentage of the runs started that were submitted; None without runs."""
        return _percentage(self.submitted, self.started)

    @property
    def median_duration(self) -> str:
        return duration_text(self.median_seconds)


def period_start(*, now=None, days: int = PERIOD_DAYS) -> dt.datetime:
    return (now or timezone.now()) - dt.timedelta(days=days)


def forms_usage(*, since: dt.datetime) -> list[FormUsage]:
    """Every form with its use since ``since``, by title. Three queries."""
    usages = {page.pk: FormUsage(page=page) for page in FormPage.objects.order_by("title", "pk")}
    runs = FormRun.objects.filter(started_at__gte=since)
    _add_counts(usages, runs)
    _add_medians(usages, runs)
    return list(usages.values())


def form_usage(*, page: FormPage, since: dt.datetime) -> FormUsage:
    """One form's use since ``since``, with the drop-off per step. Three queries."""
    usages = {page.pk: FormUsage(page=page)}
    runs = FormRun.objects.filter(started_at__gte=since, form_page=page)
    _add_counts(usages, runs)
    _add_medians(usages, runs)
    usage = usages[page.pk]
    usage.drop_off = _drop_off(usage, runs)
    return usage


def _add_counts(usages: dict[int, FormUsage], runs) -> None:
    counts = runs.values("form_page_id").annotate(
        started=Count("pk"), submitted=Count("pk", filter=Q(submitted_at__isnull=False))
    )
    for row in counts.order_by():
        usage = usages.get(row["form_page_id"])
        if usage is not None:
            usage.started, usage.submitted = row["started"], row["submitted"]


def _add_medians(usages: dict[int, FormUsage], runs) -> None:
    # No portable median in SQL (SQLite has none); the subtraction is done by the database
    # and only one duration per submitted run comes back.
    durations: dict[int, list[float]] = {}
    rows = (
        runs.filter(submitted_at__isnull=False)
        .annotate(duration=F("submitted_at") - F("started_at"))
        .values_list("form_page_id", "duration")
        .order_by()
    )
    for page_id, duration in rows.iterator(chunk_size=2000):
        durations.setdefault(page_id, []).append(duration.total_seconds())
    for page_id, seconds in durations.items():
        if page_id in usages:
            usages[page_id].median_seconds = statistics.median(seconds)


def _drop_off(usage: FormUsage, runs) -> list[DropOff]:
    """Runs not submitted, per last completed step, in the order of the form's steps."""
    counts = dict(
        runs.filter(submitted_at__isnull=True)
        .values("last_step")
        .annotate(count=Count("pk"))
        .values_list("last_step", "count")
        .order_by()
    )
    steps = usage.page.definition.steps
    result = []

    def add(key, label, count):
        if count:
            result.append(DropOff(key, label, count, _percentage(count, usage.started)))

    first = f" ‘{steps[0].title}’" if steps else ""
    add("", f"Gestopt bij de eerste stap{first}", counts.pop("", 0))
    for position, step in enumerate(steps, 1):
        label = f"Gestopt na ‘{step.title}’"
        if position == len(steps):
            label += ", bij ‘Controleer uw antwoorden’"
        add(step.key, label, counts.pop(step.key, 0))
    # Steps the editor has since removed from the form.
    add("?", "Gestopt na een stap die niet meer in het formulier staat", sum(counts.values()))
    return result


def _percentage(part: int, whole: int) -> int | None:
    if not whole:
        return None
    return round(100 * part / whole)


def duration_text(seconds: float | None) -> str:
    """'4 min 30 s', '1 uur 5 min', '2 dagen 3 uur': a duration as an editor reads it."""
    if seconds is None:
        return "–"
    seconds = round(seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    if days:
        parts = [f"{days} {'dag' if days == 1 else 'dagen'}", f"{hours} uur" if hours else ""]
    elif hours:
        parts = [f"{hours} uur", f"{minutes} min" if minutes else ""]
    elif minutes:
        parts = [f"{minutes} min", f"{seconds} s" if seconds else ""]
    else:
        parts = [f"{seconds} s"]
    return " ".join(part for part in parts if part)


# --- CSV export ---------------------------------------------------------------------------

# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FIXED_HEADERS = ["Kenmerk", "Ontvangen op", "Status"]
EXPORT_CHUNK = 500


def csv_safe(value) -> str:
    """The cell as text; a leading quote makes a spreadsheet show a formula as text."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def export_columns(*, page: FormPage, submissions) -> list[tuple[str, str]]:
    """(key, label) of every question answered, with the latest label asked for each key.

    The questions of the form as it is now come first, in its order; questions since
    removed follow in the order they were first answered.
    """
    labels: dict[str, str] = {}
    answer_lists = (
        submissions.order_by("created_at", "pk")
        .values_list("answers", flat=True)
        .iterator(chunk_size=EXPORT_CHUNK)
    )
    for answers in answer_lists:
        for answer in answers or []:
            # A dict keeps the first position of a key; the label is the latest.
            labels[answer["key"]] = answer["label"]
    current = [key for key in page.definition.fields if key in labels]
    removed = [key for key in labels if key not in page.definition.fields]
    return [(key, labels[key]) for key in current + removed]


def export_rows(*, page: FormPage, submissions) -> Iterator[list[str]]:
    """The header row, then one row per submission, every cell made safe for a spreadsheet.

    Reads the submissions twice (the columns, then the rows), in chunks of EXPORT_CHUNK: a
    few queries per chunk, never one per submission, and memory stays small.
    """
    columns = export_columns(page=page, submissions=submissions)
    yield [csv_safe(header) for header in FIXED_HEADERS + [label for _key, label in columns]]
    rows = (
        submissions.select_related("case__status")
        .prefetch_related("uploads")
        .order_by("created_at", "pk")
        .iterator(chunk_size=EXPORT_CHUNK)
    )
    for submission in rows:
        uploads = {str(upload.uuid): upload for upload in submission.uploads.all()}
        by_key = {answer["key"]: answer for answer in submission.answers or []}
        cells = [
            submission.case.reference,
            timezone.localtime(submission.created_at).strftime("%Y-%m-%d %H:%M"),
            submission.case.status.name,
        ]
        for key, _label in columns:
            answer = by_key.get(key)
            cells.append(answer_contract.export(answer, uploads) if answer else "")
        yield [csv_safe(cell) for cell in cells]


class _Echo:
    """A file-like object for csv.writer that hands each line back instead of storing it."""

    def write(self, value):
        return value


def csv_lines(rows) -> Iterator[str]:
    """CSV text for Excel: a BOM so it reads UTF-8, and ";" as Dutch Excel expects."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff"
    for row in rows:
        yield writer.writerow(row)


def submissions_for_export(*, page: FormPage, user):
    """The submissions of this form that the user may see: only cases of their own teams."""
    return Submission.objects.visible_to_staff(user).filter(form_page=page)

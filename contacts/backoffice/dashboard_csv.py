"""The dashboard's figures as CSV rows: norms per period, open work, satisfaction."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Iterator

from contacts.backoffice import dashboard, dashboard_scores
from contacts.backoffice.dashboard_norms import Cell, norm_figures
from contacts.backoffice.dashboard_open import FIELDS, LABELS, open_work

# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _decimal(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}".replace(".", ",")


def _hours(value: dt.timedelta | None) -> str:
    return "" if value is None else _decimal(value.total_seconds() / 3600)


def _cell(cell: Cell) -> list[str]:
    return [str(cell.total), str(cell.met), _decimal(cell.share), _hours(cell.median)]


NORM_HEADER = [
    "Team",
    "Kanaal",
    "Soort",
    "Periode",
    "Begin",
    "Afgehandeld",
    "Binnen de norm",
    "Percentage binnen de norm",
    "Mediane doorlooptijd (uren)",
]


def norm_rows(filters, *, now: dt.datetime) -> Iterator[list]:
    figures = norm_figures(now=now, kind=filters.kind)
    kind = dict(dashboard.KIND_CHOICES)[filters.kind]
    yield NORM_HEADER
    for row in figures.for_teams(filters.scope.team_ids):
        start = [filters.scope.name(row.team_id), row.channel_label, kind]
        for week, cell in zip(figures.weeks, row.weeks, strict=True):
            yield [*start, "week", week.isoformat(), *_cell(cell)]
        weeks_from = figures.weeks[0].isoformat()
        yield [*start, f"{len(figures.weeks)} weken", weeks_from, *_cell(row.weeks_total)]
        for month, cell in zip(figures.months, row.months, strict=True):
            yield [*start, "maand", month.isoformat(), *_cell(cell)]
        months_from = figures.months[0].isoformat()
        yield [*start, f"{len(figures.months)} maanden", months_from, *_cell(row.months_total)]


def open_rows(filters, *, now: dt.datetime) -> Iterator[list]:
    yield ["Team", *(LABELS[field] for field in FIELDS)]
    for row in open_work(filters.scope, now=now, kind=filters.kind):
        yield [row.team, *(getattr(row, field) for field in FIELDS)]


def score_rows(filters, *, now: dt.datetime) -> Iterator[list]:
    yield ["Team", "Kanaal", "Gemiddelde waardering (1-5)", "Aantal reacties"]
    for row in dashboard_scores.scores_for(filters.scope, now=now):
        yield [row.team, row.channel, row.average_text, row.count]


PARTS = {"normen": norm_rows, "open": open_rows, "tevredenheid": score_rows}


class _Echo:
    def write(self, value):
        return value


def csv_lines(rows: Iterable[list]) -> Iterator[str]:
    """CSV text for Excel: a BOM so it reads UTF-8, and ";" as Dutch Excel expects."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff"
    for row in rows:
        yield writer.writerow([csv_safe(cell) for cell in row])

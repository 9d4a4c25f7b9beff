"""A date in three inputs (day, month, year), with limits relative to today."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from forms_app.field_types.base import FieldType, register
from forms_app.field_types.widgets import DatePartsWidget


class DatePartsField(forms.MultiValueField):
    widget = DatePartsWidget

    def __init__(self, *, earliest_days=None, latest_days=None, **kwargs):
        self.earliest_days, self.latest_days = earliest_days, latest_days
        part = forms.CharField(required=False)
        super().__init__(fields=(part, part, part), require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        day, month, year = (str(part or "").strip() for part in data_list)
        missing = [
            name
            for name, part in (("de dag", day), ("de maand", month), ("het jaar", year))
            if not part
        ]
        if missing:
            raise forms.ValidationError(
                _("Vul ook %(parts)s in.") % {"parts": " en ".join(missing)}, code="incomplete"
            )
        if not (day.isdigit() and month.isdigit() and year.isdigit()):
            raise forms.ValidationError(
                _("Vul de datum in met cijfers, bijvoorbeeld 28 11 2026."), code="invalid"
            )
        if len(year) != 4:
            raise forms.ValidationError(
                _("Vul het jaar in met 4 cijfers, bijvoorbeeld 2026."), code="invalid"
            )
        try:
            value = dt.date(int(year), int(month), int(day))
        except ValueError as exc:
            raise forms.ValidationError(
                _("Deze datum bestaat niet. Controleer de dag en de maand."), code="invalid"
            ) from exc
        self._check_bounds(value)
        return value

    def _check_bounds(self, value):
        today = timezone.localdate()
        if self.earliest_days is not None:
            earliest = today - dt.timedelta(days=self.earliest_days)
            if value < earliest:
                message = (
                    _("De datum mag niet in het verleden liggen.")
                    if self.earliest_days == 0
                    else _("De datum mag niet vóór %(date)s liggen.")
                    % {"date": date_format(earliest, "j F Y")}
                )
                raise forms.ValidationError(message, code="too_early")
        if self.latest_days is not None:
            latest = today + dt.timedelta(days=self.latest_days)
            if value > latest:
                message = (
                    _("De datum mag niet in de toekomst liggen.")
                    if self.latest_days == 0
                    else _("De datum mag niet na %(date)s liggen.")
                    % {"date": date_format(latest, "j F Y")}
                )
                raise forms.ValidationError(message, code="too_late")


@register
class Date(FieldType):
    slug = "date"
    label = _("Datum")
    icon = "date"
    json_shape = "string, ISO 8601 date (YYYY-MM-DD)"

    def option_blocks(self):
        return [
            (
                "past_days",
                blocks.IntegerBlock(
                    label=_("Hoeveel dagen in het verleden mag de datum liggen?"),
                    required=False,
                    min_value=0,
                    help_text=_("Leeg: geen grens. 0: niet in het verleden."),
                ),
            ),
            (
                "future_days",
                blocks.IntegerBlock(
                    label=_("Hoeveel dagen in de toekomst mag de datum liggen?"),
                    required=False,
                    min_value=0,
                    help_text=_("Leeg: geen grens. 0: niet in de toekomst."),
                ),
            ),
        ]

    def build_field(self, config):
        return DatePartsField(
            earliest_days=config.get("past_days"), latest_days=config.get("future_days")
        )

    def to_json(self, value, config):
        return value.isoformat() if value else None

    def to_initial(self, value, config):
        return dt.date.fromisoformat(value) if value else None

    def display(self, value, config):
        return date_format(dt.date.fromisoformat(value), "j F Y") if value else ""

    def export(self, value, config):
        return value or ""

    def matches(self, value, expected):
        return value == expected.strip()

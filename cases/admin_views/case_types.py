"""Functional administrators ("Functioneel beheer") keep the case types and their statuses:
the word the resident reads, the lead time, and per status the text for the resident, whether
the clock stops and whether it closes the case. Access follows the model permissions on
CaseType (see cases.roles)."""

from django import forms
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet

from cases.constants import INITIAL_STATUS_NAME
from cases.models import Case, CaseEvent, CaseType, StatusType

MAX_ORDER = 99


class CaseTypeForm(WagtailAdminModelForm):
    def clean(self):
        cleaned_data = super().clean()
        statuses = self.formsets["statuses"]
        if not statuses.is_valid():
            return cleaned_data
        kept = [
            form.cleaned_data
            for form in statuses.forms
            if form.cleaned_data and form not in statuses.deleted_forms
        ]
        for error in _status_problems(kept, statuses.deleted_forms):
            self.add_error(None, error)
        return cleaned_data

    @transaction.atomic
    def save(self, commit=True):
        # Orders are unique per case type: park the statuses whose order changes, so two
        # statuses can swap places without a conflict halfway through saving.
        moved = [
            form.instance.pk
            for form in self.formsets["statuses"].forms
            if form.instance.pk and "order" in form.changed_data
        ]
        if moved:
            StatusType.objects.filter(pk__in=moved).update(order=F("order") + 1000)
        return super().save(commit=commit)


def _status_problems(kept, deleted_forms):
    names = [data["name"].strip() for data in kept]
    orders = [data["order"] for data in kept]
    if INITIAL_STATUS_NAME not in names:
        yield _("Elke soort aanvraag begint met de status ‘%(name)s’. Voeg die toe.") % {
            "name": INITIAL_STATUS_NAME
        }
    if not any(data["is_final"] for data in kept):
        yield _("Voeg een status toe die de aanvraag afrondt (‘afgerond’ aangevinkt).")
    for data in kept:
        if data["name"].strip() == INITIAL_STATUS_NAME and (
            data["is_final"] or data["pauses_clock"]
        ):
            yield _("De status ‘%(name)s’ rondt niet af en zet de klok niet stil.") % {
                "name": INITIAL_STATUS_NAME
            }
        if data["is_final"] and data["pauses_clock"]:
            yield _("Status ‘%(name)s’: een afgeronde status zet de klok niet stil.") % {
                "name": data["name"]
            }
        if not 1 <= data["order"] <= MAX_ORDER:
            yield _("Status ‘%(name)s’: kies een volgorde van 1 tot en met %(max)s.") % {
                "name": data["name"],
                "max": MAX_ORDER,
            }
    if len(set(names)) != len(names):
        yield _("Twee statussen hebben dezelfde naam.")
    if len(set(orders)) != len(orders):
        yield _("Twee statussen hebben dezelfde volgorde.")
    in_use = [
        form.instance
        for form in deleted_forms
        if form.instance.pk
        and (
            Case.objects.filter(status=form.instance).exists()
            or CaseEvent.objects.filter(status=form.instance).exists()
        )
    ]
    for status in in_use:
        yield _("Status ‘%(name)s’ is in gebruik bij aanvragen en kan niet weg.") % {
            "name": status.name
        }


class CaseTypeViewSet(ModelViewSet):
    model = CaseType
    icon = "list-ul"
    menu_label = _("Zaaktypen")
    menu_order = 8000
    add_to_admin_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    list_display = ["name", "team", "noun", "lead_time", "lead_time_unit"]
    list_filter = ["team", "noun"]
    search_fields = ["name"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("slug"),
            FieldPanel("team"),
            FieldPanel("noun"),
            FieldRowPanel([FieldPanel("lead_time"), FieldPanel("lead_time_unit")]),
            InlinePanel(
                "statuses",
                heading=_("Statussen"),
                label=_("Status"),
                min_num=2,
                panels=[
                    FieldRowPanel([FieldPanel("name"), FieldPanel("order")]),
                    FieldPanel("resident_text", widget=forms.Textarea(attrs={"rows": 2})),
                    FieldRowPanel([FieldPanel("pauses_clock"), FieldPanel("is_final")]),
                ],
            ),
        ],
        base_form_class=CaseTypeForm,
    )

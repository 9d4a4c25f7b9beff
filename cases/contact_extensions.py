"""What cases adds to the contact registration screen (contacts may not import cases).

- A panel with the resident's open requests, status and promised date, so the employee
  answers "where does my question stand?" while the caller is on the line.
- The outcome "Aanvraag starten": the contact turns into a case of the chosen type, opened in
  the same transaction as the contact and linked to it.

Registered from ``CasesConfig.ready``.
"""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.models import Case, CaseType
from cases.services import case_add_note, case_create
from contacts.backoffice.extensions import (
    Handled,
    register_outcome_handler,
    register_resident_panel,
)
from contacts.constants import Outcome

OPEN_CASES_SHOWN = 10


def _case_url(case) -> str:
    # The case screen: read-only for unit Informatie, with the actions for the owning team.
    return reverse("cases_case:edit", args=[case.pk])


def open_cases_panel(resident, request) -> str:
    user = request.user
    # Unit Informatie reads every case's status; others read their teams' cases.
    cases = list(
        Case.objects.readable_by_staff(user)
        .filter(resident=resident, closed_at__isnull=True)
        .select_related("status", "case_type", "team", "clock")
        .order_by("due_on", "pk")[:OPEN_CASES_SHOWN]
    )
    today = timezone.localdate()
    rows = [
        {
            "case": case,
            "url": _case_url(case),
            # A paused clock: the municipality waits for the resident, no date is promised.
            "waiting": bool(case.clock_id and case.clock.paused_at),
            "late": case.due_on < today,
        }
        for case in cases
    ]
    return render_to_string(
        "cases/admin/resident_open_cases.html", {"rows": rows, "resident": resident}, request
    )


class CaseRequestOutcome:
    outcome = Outcome.CASE_CREATED
    label = gettext_lazy("Aanvraag starten")
    choice_label = gettext_lazy("Soort aanvraag")

    def choices(self) -> list[tuple[str, str]]:
        return [(str(pk), name) for pk, name in CaseType.objects.values_list("pk", "name")]

    def handle(self, *, contact, choice: str, by) -> Handled:
        case_type = CaseType.objects.select_related("team").get(pk=choice)
        resident = contact.resident
        case = case_create(
            case_type=case_type,
            title=contact.topic,
            resident=resident,
            email=resident.email if resident else "",
            contact_moment=contact,
        )
        if contact.summary:
            # What the caller asked, for the team that handles it; not for the resident.
            case_add_note(
                case=case,
                text=_("Vraag via %(channel)s: %(summary)s")
                % {"channel": contact.get_channel_display().lower(), "summary": contact.summary},
                by=by,
            )
        message = _(
            "Contact opgeslagen. %(noun)s %(reference)s is gestart bij team %(team)s, "
            "antwoord uiterlijk %(due)s."
        ) % {
            "noun": case_type.noun_label.capitalize(),
            "reference": case.reference,
            "team": case.team,
            "due": formats.date_format(case.due_on, "l j F Y"),
        }
        readable = Case.objects.readable_by_staff(by).filter(pk=case.pk).exists()
        return Handled(message=message, url=_case_url(case) if readable else "")


def register() -> None:
    register_resident_panel(open_cases_panel)
    register_outcome_handler(CaseRequestOutcome())

from django.utils.text import slugify

from cases.constants import RequestNoun
from cases.models import CaseType, StatusType
from contacts.constants import NormUnit

# (name, final, order, pauses the clock, what it means for the resident)
# "{noun}": the case type's word for the request (aanvraag, melding, vraag, klacht).
DEFAULT_STATUSES = [
    ("Ontvangen", False, 1, False, "Wij hebben uw {noun} ontvangen en gaan ermee aan de slag."),
    ("In behandeling", False, 2, False, "Een medewerker werkt aan uw {noun}."),
    ("Afgehandeld", True, 3, False, "Wij hebben uw {noun} afgerond."),
    (
        "Wacht op inwoner",
        False,
        4,
        True,
        "Wij hebben u iets gevraagd. Zodra u reageert, gaan wij verder.",
    ),
]


def case_type_ensure(
    *,
    name,
    team,
    lead_time,
    lead_time_unit=NormUnit.WORKING_DAYS,
    noun=RequestNoun.AANVRAAG,
    slug=None,
    statuses=DEFAULT_STATUSES,
) -> CaseType:
    """The case type as the demo describes it; an older demo database is brought up to date
    (a noun added, a lead time changed) without writing rows that already match."""
    wanted = {
        "name": name,
        "team": team,
        "lead_time": lead_time,
        "lead_time_unit": lead_time_unit,
        "noun": noun,
    }
    case_type, created = CaseType.objects.get_or_create(slug=slug or slugify(name), defaults=wanted)
    if not created:
        changed = [field for field, value in wanted.items() if getattr(case_type, field) != value]
        if changed:
            for field in changed:
                setattr(case_type, field, wanted[field])
            case_type.save(update_fields=changed)
    for status_name, is_final, order, pauses, text in statuses:
        wanted_status = {
            "is_final": is_final,
            "pauses_clock": pauses,
            "resident_text": text.format(noun=case_type.noun_label),
        }
        status, created = StatusType.objects.get_or_create(
            case_type=case_type, name=status_name, defaults={"order": order, **wanted_status}
        )
        changed = [f for f, v in wanted_status.items() if getattr(status, f) != v]
        if changed and not created:
            for field in changed:
                setattr(status, field, wanted_status[field])
            status.save(update_fields=changed)
    return case_type


def seed_process_case_types(teams) -> None:
    """Case types that start from Mijn Hogeland rather than a form (AVG requests)."""
    case_type_ensure(
        name="AVG-verzoek",
        slug="avg-verzoek",
        team=teams["informatie"],
        lead_time=4,
        lead_time_unit=NormUnit.WEEKS,
    )

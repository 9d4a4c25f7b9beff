from django.utils.text import slugify

from cases.constants import RequestNoun
from cases.models import CaseType, StatusType

DEFAULT_STATUSES = [("Ontvangen", False), ("In behandeling", False), ("Afgehandeld", True)]


def case_type_ensure(
    *,
    name,
    team,
    lead_time,
    noun=RequestNoun.AANVRAAG,
    slug=None,
    statuses=DEFAULT_STATUSES,
) -> CaseType:
    """The case type as the demo describes it; an older demo database is brought up to date
    (a noun added, a lead time changed) without writing rows that already match."""
    wanted = {"name": name, "team": team, "lead_time": lead_time, "noun": noun}
    case_type, created = CaseType.objects.get_or_create(slug=slug or slugify(name), defaults=wanted)
    if not created:
        changed = [field for field, value in wanted.items() if getattr(case_type, field) != value]
        if changed:
            for field in changed:
                setattr(case_type, field, wanted[field])
            case_type.save(update_fields=changed)
    for order, (status_name, is_final) in enumerate(statuses, start=1):
        StatusType.objects.get_or_create(
            case_type=case_type, name=status_name, defaults={"order": order, "is_final": is_final}
        )
    return case_type

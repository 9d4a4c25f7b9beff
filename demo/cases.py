from django.utils.text import slugify

from cases.models import CaseType, StatusType

DEFAULT_STATUSES = [("Ontvangen", False), ("In behandeling", False), ("Afgehandeld", True)]


def case_type_get_or_create(*, name, team, lead_time_days, slug=None, statuses=DEFAULT_STATUSES):
    case_type, _ = CaseType.objects.get_or_create(
        slug=slug or slugify(name),
        defaults={"name": name, "team": team, "lead_time_days": lead_time_days},
    )
    for order, (status_name, is_final) in enumerate(statuses, start=1):
        StatusType.objects.get_or_create(
            case_type=case_type, name=status_name, defaults={"order": order, "is_final": is_final}
        )
    return case_type

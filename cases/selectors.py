"""Reads that many requests share, kept in the cache."""

from django.core.cache import cache

from cases.constants import INITIAL_STATUS_NAME
from cases.models import StatusType

# Per case type: its first status ("Ontvangen") with the type and its team, as every new case
# needs them (a submitted form starts one in each request). cases.signals clears it when a
# case type, a status or a team changes.
INITIAL_STATUS_KEY = "cases:initial-status:v1:{case_type}"
INITIAL_STATUS_SECONDS = 300


def initial_status(case_type_id: int) -> StatusType:
    """The case type's first status, ``status.case_type`` and its ``team`` loaded with it.

    Raises StatusType.DoesNotExist for a case type without one.
    """
    key = INITIAL_STATUS_KEY.format(case_type=case_type_id)
    status = cache.get(key)
    if status is None:
        status = StatusType.objects.select_related("case_type__team").get(
            case_type=case_type_id, name=INITIAL_STATUS_NAME
        )
        cache.set(key, status, INITIAL_STATUS_SECONDS)
    return status


def initial_status_changed(case_type_ids) -> None:
    cache.delete_many([INITIAL_STATUS_KEY.format(case_type=pk) for pk in case_type_ids])

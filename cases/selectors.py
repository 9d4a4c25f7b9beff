"""Reads that many requests share, kept in the cache."""

import hashlib

from django.core.cache import cache

from cases.constants import INITIAL_STATUS_NAME
from cases.models import CaseType, StatusType
from contacts.models import Team


def _schema(*models) -> str:
    # The fields of the models kept pickled: a deploy that changes them reads fresh rows
    # under a new key instead of unpickling what an older version stored.
    fields = ",".join(
        f"{model._meta.label}.{field.attname}" for model in models for field in model._meta.fields
    )
    return hashlib.blake2b(fields.encode(), digest_size=6).hexdigest()


# Per case type: its first status ("Ontvangen") with the type and its team, as every new case
# needs them (a submitted form starts one in each request). cases.signals clears it when a
# case type, a status or a team changes; the minute's expiry bounds what a missed clear (a
# read racing the change's commit, Redis away for a moment) can keep.
INITIAL_STATUS_KEY = f"cases:initial-status:{_schema(StatusType, CaseType, Team)}:{{case_type}}"
INITIAL_STATUS_SECONDS = 60


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

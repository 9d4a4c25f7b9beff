"""The branch rule of a business login, in one place.

A login for one branch (vestiging) of a business sees what was made under that branch only;
a login for the whole KvK number, and a person's login, are not narrowed by it. Every
``visible_to_resident`` queryset and every service that lets a login act for the business
reads the rule from here.
"""

from __future__ import annotations

from django.db.models import Q


def branch_scope_q(resident, field: str = "branch_number") -> Q:
    """The condition on ``field`` (a branch number, or a path to one such as
    ``case__branch_number``) for what this login may see."""
    if resident.branch_scope:
        return Q(**{field: resident.branch_scope})
    return Q()


def acts_for_the_whole_party(resident) -> bool:
    """Only a login for the whole business (or a person's own login) may change the party's
    contact details and preferences or file a request about the party's data (AVG)."""
    return resident is not None and not resident.branch_scope

"""Following a request sent without logging in: a signed link in the confirmation e-mail.

The link shows status and messages only, and lets the sender reply. It carries the case id,
signed with the site's key; one changed character and it is refused.
"""

import datetime as dt

from django.core import signing

SALT = "cases.follow"
VALID_FOR = dt.timedelta(days=400)


def follow_token(case) -> str:
    return signing.dumps(case.pk, salt=SALT, compress=True)


def case_for_follow_token(token: str):
    from cases.models import Case

    try:
        case_id = signing.loads(token, salt=SALT, max_age=VALID_FOR)
    except signing.BadSignature:
        return None
    return (
        Case.objects.filter(pk=case_id, resident__isnull=True)
        .select_related("status", "case_type", "team", "clock")
        .first()
    )

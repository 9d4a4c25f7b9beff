"""Retention: what forms keep, and for how long. Run daily by the ``run_forms_retention`` task.

Answers and uploads are kept ``FormPage.retention_days`` after the case was closed; then they
go and the case keeps its reference, type and dates. Open cases keep everything, however old.
"""

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cases.services import case_redact
from forms_app.models import FormPage, Submission
from forms_app.services.drafts import drafts_expire, drafts_send_reminders

# Uploads never sent with a form: a wizard abandoned without a draft.
ORPHAN_UPLOAD_DAYS = 7


def _default_retention_days() -> int:
    return FormPage._meta.get_field("retention_days").default


def _due_for_purge(now) -> Q:
    """Closed cases past their form's retention period, one condition per period in use.

    One comparison per distinct period keeps the query portable (SQLite and PostgreSQL
    add days to a timestamp differently) and there are only a handful of periods.
    """
    periods = set(FormPage.objects.order_by().values_list("retention_days", flat=True).distinct())
    condition = Q(pk__in=[])
    for days in periods:
        condition |= Q(
            form_page__retention_days=days,
            case__closed_at__lte=now - dt.timedelta(days=days),
        )
    # The form page was deleted: its period is unknown, so the default applies.
    condition |= Q(
        form_page__isnull=True,
        case__closed_at__lte=now - dt.timedelta(days=_default_retention_days()),
    )
    return condition


@transaction.atomic
def retention_purge_answers(*, now=None) -> int:
    """Delete answers and uploads of submissions whose case was closed long enough ago.

    Returns the number of submissions purged. Running it again purges nothing new.
    """
    from forms_app.uploads import upload_delete

    now = now or timezone.now()
    due = (
        Submission.objects.select_for_update(of=("self",))
        .filter(answers_deleted_at__isnull=True, case__closed_at__isnull=False)
        .filter(_due_for_purge(now))
    )
    count = 0
    for submission in due.iterator():
        for upload in submission.uploads.all():
            upload_delete(upload=upload)
        submission.answers = []
        submission.answers_deleted_at = now
        submission.save(update_fields=["answers", "answers_deleted_at"])
        # The title was made from answers (an address, say): it goes with them.
        case_redact(case=submission.case, title=submission.form_title)
        count += 1
    return count


@transaction.atomic
def retention_run(*, now=None) -> dict[str, int]:
    """The daily clean-up of forms: answers past retention, drafts, unsent uploads."""
    from forms_app.uploads import uploads_delete_orphans

    now = now or timezone.now()
    return {
        "answers_purged": retention_purge_answers(now=now),
        "drafts_expired": drafts_expire(now=now),
        "reminders_sent": drafts_send_reminders(now=now),
        "orphan_uploads_deleted": uploads_delete_orphans(
            older_than=now - dt.timedelta(days=ORPHAN_UPLOAD_DAYS)
        ),
    }

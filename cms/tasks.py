from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from cms.review import due_pages_by_team
from outbox.services import queue_email


def _team_addresses(group_ids) -> dict[int, list[str]]:
    """E-mail addresses of the active members of each group (one query)."""
    memberships = (
        get_user_model()
        .groups.through.objects.filter(group_id__in=group_ids, user__is_active=True)
        .exclude(user__email="")
        .values_list("group_id", "user__email")
    )
    addresses: dict[int, set[str]] = {}
    for group_id, email in memberships:
        addresses.setdefault(group_id, set()).add(email)
    return {group_id: sorted(emails) for group_id, emails in addresses.items()}


@task()
def send_review_reminders() -> int:
    """One e-mail per team with its pages to check; returns the number of e-mails sent."""
    today = timezone.localdate()
    teams = due_pages_by_team(today=today)
    addresses = _team_addresses(teams)
    names = dict(Group.objects.filter(pk__in=teams).values_list("pk", "name"))
    sent = 0
    with translation.override("nl"):
        for group_id, pages in teams.items():
            if not addresses.get(group_id):
                continue
            context = {
                "team": names.get(group_id, ""),
                "overdue": [page for page in pages if page.overdue],
                "soon": [page for page in pages if not page.overdue],
                "today": today,
            }
            noun = "pagina" if len(pages) == 1 else "pagina's"
            queue_email(
                to=addresses[group_id],
                subject=f"{len(pages)} {noun} op de website controleren",
                body=render_to_string("cms/email/review_reminder.txt", context),
                dedupe_key=f"cms.review:{today.isoformat()}:{group_id}",
            )
            sent += 1
    return sent


@task()
def remove_old_search_misses() -> int:
    """Retention: searches without results are kept SEARCH_MISS_RETENTION_DAYS, then removed."""
    import datetime as dt

    from django.conf import settings
    from django.utils import timezone

    from cms.models import SearchMiss

    cutoff = timezone.localdate() - dt.timedelta(days=settings.SEARCH_MISS_RETENTION_DAYS)
    deleted, _ = SearchMiss.objects.filter(date__lt=cutoff).delete()
    return deleted


@task()
def flush_search_counts() -> int:
    """Move the search counts waiting outside the database into the search reports."""
    from cms.services import search_counts_flush

    return search_counts_flush()

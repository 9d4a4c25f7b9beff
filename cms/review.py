"""Content that stays current: each page has a team and a date by which it must be checked.

Publishing counts as a check, and so does "Gecontroleerd, geen wijzigingen" (no new
revision). Pages whose date has passed, or is near, show up on the dashboard of their team and
in a weekly reminder e-mail; when none are, the dashboard shows which come next.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision, get_page_models

from cms.constants import REVIEW_DUE_SOON_DAYS
from cms.models.mixins import ContentOwnershipMixin


def ownership_page_models() -> list[type]:
    """The concrete page types that have an owner and a review date (a small, fixed set)."""
    return [
        model
        for model in get_page_models()
        if issubclass(model, ContentOwnershipMixin) and not model._meta.abstract
    ]


def review_on_publish(page, *, revision=None, today: dt.date | None = None) -> None:
    """Set "laatst gecontroleerd op" to today and, unless the editor chose a date that is
    still ahead, "controleren vóór" to a year from now.

    The two fields are written straight to the page's own table so that publishing does not
    create another revision. The revision that was just published gets the same dates,
    because the editor's form is filled from the latest revision.
    """
    today = today or timezone.localdate()
    chosen = page.review_by
    page.mark_reviewed(today)
    if chosen and chosen >= today:
        page.review_by = chosen
    _store_review_dates(page, revision)


def review_without_changes(page, *, today: dt.date | None = None) -> None:
    """Record "Gecontroleerd, geen wijzigingen": checked today, the next check in a year.

    Nothing is published and no revision is made; a draft waiting for approval stays as it is
    but carries the new dates, so publishing it later does not bring the old ones back.
    """
    page.mark_reviewed(today or timezone.localdate())
    _store_review_dates(page, page.latest_revision)


def _store_review_dates(page, revision) -> None:
    dates = {"last_reviewed_on": page.last_reviewed_on, "review_by": page.review_by}
    type(page)._default_manager.filter(pk=page.pk).update(**dates)
    if revision is not None and isinstance(revision.content, dict):
        content = {**revision.content, **{name: value.isoformat() for name, value in dates.items()}}
        Revision.objects.filter(pk=revision.pk).update(content=content)


@dataclass(frozen=True)
class DuePage:
    pk: int
    title: str
    review_by: dt.date
    team_id: int | None
    team: str
    overdue: bool

    @property
    def status(self) -> str:
        return "te laat" if self.overdue else "binnenkort"

    @property
    def edit_url(self) -> str:
        return reverse("wagtailadmin_pages:edit", args=[self.pk])

    @property
    def full_edit_url(self) -> str:
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + self.edit_url


def due_pages_queryset(*, user=None, today: dt.date | None = None):
    """Live pages whose review date has passed or falls within 30 days, oldest date first.

    One query: a UNION over the page types with ownership. ``user`` limits the pages to the
    user's teams (superusers see all); without a user every team's pages are included.
    """
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=REVIEW_DUE_SOON_DAYS)
    parts = [
        _owned_live_pages(model, user).filter(review_by__lte=horizon)
        for model in ownership_page_models()
    ]
    if not parts:
        return None
    first, *others = parts
    return first.union(*others, all=True).order_by("review_by", "title", "pk")


def _owned_live_pages(model, user):
    queryset = model.objects.live().filter(review_by__isnull=False)
    if user is not None and not user.is_superuser:
        queryset = queryset.filter(owner_group__in=user.groups.all())
    return queryset.order_by().values(
        "pk", "title", "review_by", "owner_group_id", "owner_group__name"
    )


def upcoming_pages(*, user=None, today: dt.date | None = None, limit: int = 5) -> list[DuePage]:
    """The live pages of the user's teams whose check comes next, after the due ones."""
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=REVIEW_DUE_SOON_DAYS)
    parts = [
        _owned_live_pages(model, user).filter(review_by__gt=horizon)
        for model in ownership_page_models()
    ]
    if not parts:
        return []
    first, *others = parts
    rows = first.union(*others, all=True).order_by("review_by", "title", "pk")[:limit]
    return [_due_page(row, today) for row in rows]


def _due_page(row: dict, today: dt.date) -> DuePage:
    return DuePage(
        pk=row["pk"],
        title=row["title"],
        review_by=row["review_by"],
        team_id=row["owner_group_id"],
        team=row["owner_group__name"] or "",
        overdue=row["review_by"] < today,
    )


def due_pages(*, user=None, today: dt.date | None = None, limit: int | None = None):
    """(pages, total): the due pages as :class:`DuePage`, at most ``limit``, and how many."""
    today = today or timezone.localdate()
    queryset = due_pages_queryset(user=user, today=today)
    if queryset is None:
        return [], 0
    rows = list(queryset[:limit] if limit else queryset)
    total = len(rows) if not limit or len(rows) < limit else queryset.count()
    return [_due_page(row, today) for row in rows], total


def due_pages_by_team(*, today: dt.date | None = None) -> dict[int, list[DuePage]]:
    """Every team's due pages; pages without a team have nobody to remind and are left out."""
    pages, _ = due_pages(today=today)
    teams: dict[int, list[DuePage]] = {}
    for page in pages:
        if page.team_id is not None:
            teams.setdefault(page.team_id, []).append(page)
    return teams

"""Recompute the cached dashboard figures, so no page view waits for them (every kind of
clock: the kind filter on the page reads the cache too)."""

from django.utils import timezone

from contacts.backoffice.dashboard import KIND_CHOICES
from contacts.backoffice.dashboard_norms import norm_figures
from contacts.backoffice.dashboard_scores import all_scores
from contacts.backoffice.dashboard_volume import unusual_volume


def refresh_figures(*, now=None) -> None:
    now = now or timezone.now()
    for kind, _label in KIND_CHOICES:
        norm_figures(now=now, kind=kind, refresh=True)
    all_scores(now=now, refresh=True)
    unusual_volume(now=now, refresh=True)

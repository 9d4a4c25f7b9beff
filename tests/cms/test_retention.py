import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms.models import SearchMiss

pytestmark = pytest.mark.django_db


def test_old_search_misses_are_removed_recent_ones_kept(settings):
    settings.SEARCH_MISS_RETENTION_DAYS = 30
    today = timezone.localdate()
    SearchMiss.objects.create(query_string="oud", date=today - dt.timedelta(days=31), hits=3)
    SearchMiss.objects.create(query_string="recent", date=today - dt.timedelta(days=29), hits=1)

    call_command("cms_retention", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert list(SearchMiss.objects.values_list("query_string", flat=True)) == ["recent"]

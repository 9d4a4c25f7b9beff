"""A visitor cannot escape a rate limit by sending their own X-Forwarded-For."""

import pytest

from tests.cms.factories import ServicePageFactory, make_home

pytestmark = pytest.mark.django_db


def test_a_spoofed_forwarded_for_does_not_reset_the_feedback_limit(client, settings):
    # Production trusts one proxy hop; this request reached the app without that proxy.
    settings.TRUSTED_PROXY_COUNT = 1
    page = ServicePageFactory(parent=make_home(), title="Afval", slug="afval")
    statuses = [
        client.post(
            "/reactie/",
            {"page": page.pk, "helpful": "ja"},
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        ).status_code
        for n in range(8)
    ]

    assert statuses[:5] == [303] * 5
    assert 429 in statuses[5:]

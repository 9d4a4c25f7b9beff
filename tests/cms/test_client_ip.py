import pytest
from django.test import RequestFactory

from cms.client_ip import client_ip


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "1.2.3.4", "10.0.0.1"),  # no proxy configured: the header is ignored
        (1, "6.6.6.6, 1.2.3.4", "1.2.3.4"),  # spoofed left-most entry is not trusted
        (1, "", "10.0.0.1"),
        (2, "1.2.3.4, 5.5.5.5", "1.2.3.4"),
    ],
)
def test_client_ip_trusts_only_our_proxies(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)

    assert client_ip(request) == expected

import pytest
from django.test import RequestFactory

from ops.client_ip import client_ip

PROXY = "10.0.0.1"


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        (0, PROXY, "1.2.3.4", PROXY),  # no proxy configured: the header is ignored
        (1, PROXY, "6.6.6.6, 1.2.3.4", "1.2.3.4"),  # spoofed left-most entry is not trusted
        (1, PROXY, "", PROXY),
        (2, PROXY, "1.2.3.4, 5.5.5.5", "1.2.3.4"),
        # Not through our proxy: whatever the client wrote is ignored.
        (1, "203.0.113.7", "198.51.100.1", "203.0.113.7"),
        (1, "not-an-address", "198.51.100.1", "not-an-address"),
    ],
)
def test_client_ip_trusts_only_our_proxies(settings, proxies, remote, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)

    assert client_ip(request) == expected

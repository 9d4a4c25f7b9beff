"""Production settings evaluated in a subprocess with a controlled environment."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

PRODUCTION_ENV = {
    "PATH": os.environ["PATH"],
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "p" * 20 + "-production-secret-key-with-enough-entropy-0123456789",
    "BSN_HASH_KEY": "production-bsn-hash-key",
    "ALLOWED_HOSTS": "www.hethogeland.nl",
    "OIDC_RP_CLIENT_SECRET": "secret",
    "OIDC_OP_ISSUER": "https://broker.example.nl",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://broker.example.nl/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": "https://broker.example.nl/token",
    "OIDC_OP_USER_ENDPOINT": "https://broker.example.nl/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://broker.example.nl/jwks",
    "OIDC_OP_LOGOUT_ENDPOINT": "https://broker.example.nl/logout",
    "REDIS_URL": "redis://127.0.0.1:6379/15",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/hogeland",
    "WAGTAILADMIN_BASE_URL": "https://www.hethogeland.nl",
    "SITE_URL": "https://www.hethogeland.nl",
}
SHOW = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'apps': s.INSTALLED_APPS, 'persons': hasattr(s, 'DIGID_MOCK_PERSONS'),"
    " 'oauth': hasattr(s, 'OAUTH2_PROVIDER'), 'site': s.SITE_URL,"
    " 'admin': s.WAGTAILADMIN_BASE_URL}))"
)


def _python(code, environment):
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", ["WAGTAILADMIN_BASE_URL", "SITE_URL"])
def test_production_requires_the_sites_address(missing):
    environment = {**PRODUCTION_ENV}
    environment.pop(missing)

    result = _python("import config.settings.production", environment)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"{missing} is required in production" in result.stderr


def test_production_refuses_an_address_that_is_not_a_url():
    result = _python(
        "import config.settings.production",
        {**PRODUCTION_ENV, "SITE_URL": "www.hethogeland.nl"},
    )

    assert result.returncode != 0
    assert "SITE_URL is required in production" in result.stderr


def test_production_has_no_mock_provider_persons_or_key():
    import json

    result = _python(SHOW, PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout.strip().splitlines()[-1])
    assert "digid_mock" not in shown["apps"]
    assert "oauth2_provider" not in shown["apps"]
    assert shown["persons"] is False
    assert shown["oauth"] is False
    assert shown["site"] == shown["admin"] == "https://www.hethogeland.nl"


def test_production_generates_no_mock_key(tmp_path):
    result = _python(
        "import config.settings.production", {**PRODUCTION_ENV, "VAR_DIR": str(tmp_path)}
    )

    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "digid_mock_key.pem").exists()


def test_seed_demo_refuses_production_settings(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "seed_demo"],
        cwd=settings.BASE_DIR,
        env={**PRODUCTION_ENV, "VAR_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert "seed_demo weigert te draaien met productie-instellingen" in result.stderr
    assert "Demo-inhoud staat klaar" not in result.stdout


def test_development_and_tests_keep_the_mock(settings):
    assert "digid_mock" in settings.INSTALLED_APPS
    assert settings.DIGID_MOCK_PERSONS

import os
import subprocess
import sys

import pytest
from django.conf import settings

from config.env import EnvError, env

PRODUCTION_ENV = {
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
    "WAGTAILADMIN_BASE_URL": "https://www.hethogeland.nl",
    "SITE_URL": "https://www.hethogeland.nl",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/hogeland",
}


def _manage(*args, **extra_env):
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DIGID_", "OIDC_"))
    }
    environment.update(PRODUCTION_ENV, **extra_env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_gives_no_warnings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_the_mock_provider():
    result = _manage("check", DIGID_MOCK_ENABLED="true")

    assert result.returncode != 0
    assert "mock DigiD provider must never run in production" in result.stderr


@pytest.mark.parametrize(
    "missing", ["SECRET_KEY", "BSN_HASH_KEY", "OIDC_OP_TOKEN_ENDPOINT", "REDIS_URL"]
)
def test_production_requires_its_secrets_and_endpoints(missing):
    environment = {"PATH": os.environ["PATH"], **PRODUCTION_ENV}
    environment.pop(missing)

    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert f"{missing} is required" in result.stderr


@pytest.mark.parametrize(
    ("raw", "default", "expected"),
    [
        ("true", False, True),
        ("0", True, False),
        ("42", 1, 42),
        ("a, b ,c", [], ["a", "b", "c"]),
        ("tekst", "", "tekst"),
    ],
)
def test_env_casts_to_the_type_of_the_default(monkeypatch, raw, default, expected):
    monkeypatch.setenv("HOGELAND_TEST_VALUE", raw)

    assert env("HOGELAND_TEST_VALUE", default) == expected


@pytest.mark.parametrize(("raw", "default"), [("misschien", False), ("veel", 3)])
def test_env_refuses_values_of_the_wrong_type(monkeypatch, raw, default):
    monkeypatch.setenv("HOGELAND_TEST_VALUE", raw)

    with pytest.raises(EnvError, match="HOGELAND_TEST_VALUE"):
        env("HOGELAND_TEST_VALUE", default)


def test_env_default_when_unset(monkeypatch):
    monkeypatch.delenv("HOGELAND_TEST_VALUE", raising=False)

    assert env("HOGELAND_TEST_VALUE", 7) == 7
    with pytest.raises(EnvError):
        env("HOGELAND_TEST_VALUE", required=True)


def test_collectstatic_with_hashed_names_succeeds(tmp_path):
    """Production serves hashed static files; a broken url() in any CSS would stop a deploy."""
    result = _manage("collectstatic", "--no-input", VAR_DIR=str(tmp_path))

    assert result.returncode == 0, result.stderr[-2000:]
    assert list((tmp_path / "static" / "css").glob("hogeland.*.css"))

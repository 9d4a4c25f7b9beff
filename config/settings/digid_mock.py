"""The mock DigiD/eHerkenning provider (digid_mock): development and tests only.

Loaded by config/settings/dev.py and test.py after base.py. Production never imports this
module, so it has no test persons, no mock app and no key generation.
"""

from pathlib import Path

from config.env import env
from config.settings.base import DIGID_MOCK_ENABLED, INSTALLED_APPS, VAR_DIR

if DIGID_MOCK_ENABLED:
    INSTALLED_APPS = [*INSTALLED_APPS, "oauth2_provider", "digid_mock"]

    from digid_mock.keys import load_or_create_private_key

    DIGID_MOCK_KEY_FILE = Path(env("DIGID_MOCK_KEY_FILE", str(VAR_DIR / "digid_mock_key.pem")))
    # Where the portal runs, as registered with the mock. Any port on 127.0.0.1 (RFC 8252).
    DIGID_MOCK_CLIENT_ORIGINS = env(
        "DIGID_MOCK_CLIENT_ORIGINS", ["http://127.0.0.1:8000", "http://localhost:8000"]
    )
    OAUTH2_PROVIDER = {
        "OIDC_ENABLED": True,
        "OIDC_RSA_PRIVATE_KEY": load_or_create_private_key(DIGID_MOCK_KEY_FILE),
        "PKCE_REQUIRED": True,
        "OIDC_RP_INITIATED_LOGOUT_ENABLED": True,
        "OIDC_RP_INITIATED_LOGOUT_ALWAYS_PROMPT": False,
        "OAUTH2_VALIDATOR_CLASS": "digid_mock.validators.DigiDValidator",
        "SCOPES": {
            "openid": "Inloggen met DigiD of eHerkenning",
            "bsn": "Burgerservicenummer",
            "kvk": "KvK-nummer",
        },
        "DEFAULT_SCOPES": ["openid"],
        "ACCESS_TOKEN_EXPIRE_SECONDS": 300,
        "AUTHORIZATION_CODE_EXPIRE_SECONDS": 60,
    }
    # To try the portal against other brokers' habits: where the identity claims go
    # ("both", "id_token", "userinfo"), the scope they need ("" = openid), and an object to
    # nest them in ("" = flat, e.g. "attributes").
    DIGID_MOCK_CLAIMS_IN = env("DIGID_MOCK_CLAIMS_IN", "both")
    DIGID_MOCK_BSN_SCOPE = env("DIGID_MOCK_BSN_SCOPE", "")
    DIGID_MOCK_KVK_SCOPE = env("DIGID_MOCK_KVK_SCOPE", "")
    DIGID_MOCK_NESTED = env("DIGID_MOCK_NESTED", "")

# Test persons offered on the mock's login page (BSNs from the 999990000-999999999 test range,
# valid by the 11-proef). The demo seed creates matching residents.
DIGID_MOCK_PERSONS = [
    {"bsn": "999990019", "name": "Anna de Vries", "email": "anna@example.nl"},
    {"bsn": "999990020", "name": "Bram Jansen", "email": "bram@example.nl"},
    {"bsn": "999990032", "name": "Cor Bakker", "email": "cor@example.nl"},
]
# Test businesses for the mock's eHerkenning choice (KvK numbers of the KvK test environment):
# a login for the whole business, or restricted to one branch (vestiging). The demo KvK
# register (contacts/kvk.py) knows the same businesses and branches.
DIGID_MOCK_BUSINESSES = [
    {"kvk": "68750110", "name": "Bakkerij De Hoogte", "branch": ""},
    {"kvk": "68750110", "name": "Bakkerij De Hoogte, Winsum", "branch": "000037178598"},
    {"kvk": "68750110", "name": "Bakkerij De Hoogte, Uithuizen", "branch": "000037178601"},
    {"kvk": "69599084", "name": "Kwekerij Warffum", "branch": "000038509504"},
]

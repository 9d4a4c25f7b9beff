"""Who logged in at the mock: the BSN is kept encrypted, found again by a keyed hash."""

import base64
import hashlib
import hmac

from cryptography.fernet import Fernet
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from digid_mock.models import MockBusiness, MockPerson


def _key(purpose: bytes) -> bytes:
    return hmac.new(settings.SECRET_KEY.encode(), b"digid-mock:" + purpose, hashlib.sha256).digest()


def _fernet() -> Fernet:
    return Fernet(base64.urlsafe_b64encode(_key(b"encryption")))


def _lookup(bsn: str) -> str:
    return hmac.new(_key(b"lookup"), bsn.encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def person_for_bsn(bsn: str, level: str = "") -> MockPerson:
    """The mock's person for this BSN; ``level`` is the acr of this login (the tester's pick)."""
    lookup = _lookup(bsn)
    person = MockPerson.objects.filter(bsn_lookup=lookup).select_related("user").first()
    if person is None:
        user = get_user_model().objects.create_user(username=f"digid-mock-{lookup[:16]}")
        person = MockPerson.objects.create(
            user=user, bsn_lookup=lookup, bsn_token=_fernet().encrypt(bsn.encode()).decode()
        )
    if level and person.level != level:
        person.level = level
        person.save(update_fields=["level"])
    return person


@transaction.atomic
def business_for_kvk(kvk: str, branch: str = "", level: str = "") -> MockBusiness:
    """The mock's business for this KvK number (and branch); ``level`` as for a person."""
    business = (
        MockBusiness.objects.filter(kvk_number=kvk, branch_number=branch)
        .select_related("user")
        .first()
    )
    if business is None:
        user = get_user_model().objects.create_user(username=f"eherkenning-mock-{kvk}-{branch}")
        business = MockBusiness.objects.create(user=user, kvk_number=kvk, branch_number=branch)
    if level and business.level != level:
        business.level = level
        business.save(update_fields=["level"])
    return business


def identity_of(user) -> dict:
    """The claims that say who this is: ``bsn``, or ``kvk`` (and ``vestiging``); ``acr``."""
    person = MockPerson.objects.filter(user=user).first()
    if person is not None:
        bsn = _fernet().decrypt(person.bsn_token.encode()).decode()
        return {"bsn": bsn, "acr": person.level}
    business = MockBusiness.objects.get(user=user)
    claims = {"kvk": business.kvk_number, "acr": business.level}
    if business.branch_number:
        claims["vestiging"] = business.branch_number
    return claims

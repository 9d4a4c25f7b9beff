import re

import pytest

from contacts.crypto import bsn_hash, is_valid_bsn
from tests.contacts.factories import TEST_BSNS


def test_bsn_hash_is_deterministic():
    assert bsn_hash("999990019") == bsn_hash("999990019")


def test_bsn_hash_differs_per_bsn():
    hashes = {bsn_hash(bsn) for bsn in TEST_BSNS}

    assert len(hashes) == len(TEST_BSNS)


def test_bsn_hash_ignores_formatting():
    assert bsn_hash("9999 90 019") == bsn_hash("999990019")
    assert bsn_hash("9999.90.019") == bsn_hash("999990019")


def test_bsn_hash_depends_on_the_key(settings):
    settings.BSN_HASH_KEY = "eerste-sleutel"
    first = bsn_hash("999990019")
    settings.BSN_HASH_KEY = "tweede-sleutel"
    second = bsn_hash("999990019")

    assert first != second


def test_bsn_hash_is_not_a_plain_unkeyed_sha256():
    import hashlib

    assert bsn_hash("999990019") != hashlib.sha256(b"999990019").hexdigest()


@pytest.mark.parametrize("bsn", TEST_BSNS)
def test_bsn_hash_never_contains_the_bsn(bsn):
    digest = bsn_hash(bsn)

    assert bsn not in digest
    assert re.fullmatch(r"[0-9a-f]{64}", digest)


@pytest.mark.parametrize("bsn", [*TEST_BSNS, "111222333", "123456782"])
def test_numbers_passing_the_11_proef_are_valid(bsn):
    assert is_valid_bsn(bsn)


@pytest.mark.parametrize(
    "value",
    [
        "999990018",  # last digit off by one
        "123456789",
        "111222334",
        "000000000",
        "1234567890",  # too long
        "abcdefghi",
        "",
    ],
)
def test_numbers_failing_the_11_proef_are_invalid(value):
    assert not is_valid_bsn(value)

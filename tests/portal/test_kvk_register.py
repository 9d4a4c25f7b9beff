"""The KvK register adapter (contacts.kvk), chosen by KVK_ADAPTER."""

import pytest

from contacts.kvk import Company, DemoKvKRegister, KvKRegister, KvKUnavailable, get_kvk_register
from contacts.models import Resident
from contacts.services import resident_login_business


class OtherRegister(KvKRegister):
    def company(self, kvk_number):
        return Company(kvk_number, "Uit het andere register")


def test_the_demo_register_gives_name_and_branches():
    company = DemoKvKRegister().company("68750110")

    assert company.name == "Bakkerij De Hoogte"
    assert [branch.number for branch in company.branches] == ["000037178598", "000037178601"]
    assert all(len(branch.number) == 12 for branch in company.branches)
    assert company.branch("000037178601").address == "Hoofdstraat 22, 9981 AB Uithuizen"
    assert company.branch("000037178601").label == "Uithuizen"
    assert company.branch("000000000000") is None
    assert DemoKvKRegister().company("12345678") is None


@pytest.mark.django_db
def test_the_setting_chooses_the_register(settings):
    settings.KVK_ADAPTER = f"{__name__}.OtherRegister"

    assert isinstance(get_kvk_register(), OtherRegister)
    resident_login_business(kvk="68750110")
    assert Resident.objects.get(kvk_number="68750110").name == "Uit het andere register"


class BrokenRegister(KvKRegister):
    def company(self, kvk_number):
        raise KvKUnavailable("register down")


class BuggyRegister(KvKRegister):
    def company(self, kvk_number):
        raise TypeError("a bug in the adapter")


@pytest.mark.django_db
def test_a_register_that_fails_does_not_stop_the_login(settings):
    settings.KVK_ADAPTER = f"{__name__}.BrokenRegister"
    Resident.objects.create(kind="business", kvk_number="68750110", name="Bekende naam")

    user = resident_login_business(kvk="68750110")

    assert user.resident.name == "Bekende naam"


@pytest.mark.django_db
def test_a_bug_in_the_register_adapter_is_not_hidden_as_unavailable(settings):
    settings.KVK_ADAPTER = f"{__name__}.BuggyRegister"

    with pytest.raises(TypeError):
        resident_login_business(kvk="68750110")

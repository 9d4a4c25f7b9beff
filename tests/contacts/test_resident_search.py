"""Finding a resident: the tolerant name search (contacts.selectors), the query the employee
types (contacts.resident_query) and the BRP searches (contacts.brp). Also runs on PostgreSQL."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contacts.brp import DemoBRPAdapter
from contacts.constants import QueryKind
from contacts.crypto import bsn_hash
from contacts.models import Resident
from contacts.names import search_text
from contacts.resident_query import parse_resident_query
from contacts.selectors import resident_find, resident_search
from tests.contacts.factories import ResidentFactory

ANNA_BSN, JAN_BSN = "999990019", "999990044"  # the demo BRP: both at Hoofdstraat 12, Winsum


# The name search


def test_names_compare_without_case_accents_or_punctuation():
    assert search_text("  Anna de VRIËS-Bakker ") == "anna de vries bakker"
    assert search_text("'t Hart, Zoë") == "t hart zoe"


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["de vr", "VRIES", "vriës", "anna d", "a de v", "Anna-de Vries"])
def test_word_starts_find_the_resident_whatever_the_case_or_accents(query):
    anna = ResidentFactory(name="Anna de Vriës")
    ResidentFactory(name="Bram Jansen")

    assert resident_search(parse_resident_query(query)) == [anna]


@pytest.mark.django_db
def test_the_middle_of_a_word_is_not_a_match():
    ResidentFactory(name="Anna de Vries")

    assert resident_search(parse_resident_query("ries")) == []


@pytest.mark.django_db
def test_a_renamed_resident_is_found_by_the_new_name():
    resident = ResidentFactory(name="Anna de Vries")
    resident.name = "Anna Bakker"
    resident.save(update_fields=["name"])

    assert resident_search(parse_resident_query("bakker")) == [resident]
    assert resident_search(parse_resident_query("vries")) == []


@pytest.mark.django_db
def test_the_name_search_is_one_query_for_many_residents():
    for number in range(30):
        ResidentFactory(name=f"Jan Jansen {number}")

    with CaptureQueriesContext(connection) as queries:
        hits = resident_search(parse_resident_query("jan jan"))

    assert len(hits) == 20  # the limit
    assert len(queries) == 1


# What the employee typed


@pytest.mark.parametrize(
    ("typed", "kind", "expected"),
    [
        ("de Vries 12-03-1985", QueryKind.NAME_AND_BIRTH_DATE, dt.date(1985, 3, 12)),
        ("a de vries 1.5.1983", QueryKind.NAME_AND_BIRTH_DATE, dt.date(1983, 5, 1)),
        ("Vries 12031985", QueryKind.NAME_AND_BIRTH_DATE, dt.date(1985, 3, 12)),
        ("9951 AA 12", QueryKind.ADDRESS, ("9951AA", 12, "")),
        ("9781aa7a", QueryKind.ADDRESS, ("9781AA", 7, "A")),
        ("9781 AA 7-a", QueryKind.ADDRESS, ("9781AA", 7, "A")),
        ("anna@example.nl", QueryKind.EMAIL, None),
        ("06-12345678", QueryKind.PHONE, None),
        ("9999 90 019", QueryKind.BSN, None),
        ("de vries", QueryKind.NAME, None),
        # A last word that is no date is not read as a date of birth.
        ("Hoofdstraat 12", QueryKind.NAME, None),
        ("Jan de Vries 2", QueryKind.NAME, None),
        ("Jansen 0612345678", QueryKind.PHONE, None),
    ],
)
def test_the_search_field_reads_what_kind_of_search_it_is(typed, kind, expected):
    query = parse_resident_query(typed)

    assert query.kind == kind
    if typed == "Jansen 0612345678":
        assert query.text == "0612345678"
    if kind == QueryKind.NAME_AND_BIRTH_DATE:
        assert query.birth_date == expected
    if kind == QueryKind.ADDRESS:
        assert (query.postcode, query.house_number, query.addition) == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("de Vries 31-02-1985", "De geboortedatum 31-02-1985 bestaat niet."),
        ("de Vries 12-03-85", "Schrijf het jaar van de geboortedatum met 4 cijfers"),
        ("de Vries 12-03", "Schrijf de geboortedatum na de naam als dd-mm-jjjj"),
        ("de Vries 12345678", "De geboortedatum 12345678 bestaat niet."),
        ("de Vries 12-03-2999", "De geboortedatum ligt in de toekomst."),
        ("de Vries 12-03-1789", "Controleer het jaar van de geboortedatum."),
        ("9951 AA", "Vul na de postcode ook het huisnummer in, bijvoorbeeld 9951 AA 12."),
        ("9951 AA twaalf", "Schrijf het huisnummer na de postcode"),
        ("123456789", "Dit is geen geldig burgerservicenummer."),
    ],
)
def test_a_search_that_cannot_be_right_says_how_to_write_it(typed, message):
    with pytest.raises(ValidationError) as error:
        parse_resident_query(typed)

    assert message in error.value.messages[0]


# The BRP searches and matching their results to residents


def test_demo_brp_finds_people_by_name_and_birth_date_and_by_address():
    brp = DemoBRPAdapter()

    [anna] = brp.search_by_name(name="de vr", birth_date=dt.date(1985, 3, 12))
    assert anna.name == "Anna de Vries"
    assert brp.search_by_name(name="jansen", birth_date=dt.date(1985, 3, 12)) == []
    household = brp.search_by_address(postcode="9951 aa", house_number=12)
    assert [person.name for person in household] == ["Anna de Vries", "Jan de Vries"]
    assert brp.search_by_address(postcode="9781AA", house_number=7, addition="B") == []


def test_the_bsn_stays_out_of_a_persons_repr():
    person = DemoBRPAdapter().person(ANNA_BSN)

    assert ANNA_BSN not in repr(person)


@pytest.mark.django_db
def test_brp_hits_are_matched_to_known_residents_by_the_bsn_hash():
    anna = ResidentFactory(name="A. de Vries", bsn=ANNA_BSN)

    hits = resident_find(parse_resident_query("9951AA 12"))

    assert [(hit.resident, hit.person.name) for hit in hits] == [
        (anna, "Anna de Vries"),
        (None, "Jan de Vries"),
    ]


@pytest.mark.django_db
def test_a_bsn_nobody_has_yet_is_looked_up_in_the_brp():
    [hit] = resident_find(parse_resident_query(JAN_BSN))

    assert (hit.resident, hit.person.name) == (None, "Jan de Vries")
    assert not Resident.objects.filter(bsn_hash=bsn_hash(JAN_BSN)).exists()


@pytest.mark.django_db
def test_a_phone_number_after_a_name_finds_the_resident_by_phone():
    jansen = ResidentFactory(name="Bram Jansen", phone="+31 6 1234 5678")
    ResidentFactory(name="Sanne Jansen", phone="0595 123 456")

    hits = resident_find(parse_resident_query("Jansen 0612345678"))

    assert [hit.resident for hit in hits] == [jansen]

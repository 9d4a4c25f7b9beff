"""Demo content: realistic Dutch text for a working site on a fresh machine."""

DEMO_PASSWORD = "Hogeland-demo-2026"

TEAMS = [
    {"slug": "informatie", "name": "Informatie", "email": "informatie@hethogeland.nl"},
    {
        "slug": "openbare-ruimte",
        "name": "Openbare ruimte",
        "email": "openbareruimte@hethogeland.nl",
    },
]

STAFF = [
    {"username": "informatie", "first_name": "Ilse", "last_name": "Smit", "team": "informatie"},
    {
        "username": "openbareruimte",
        "first_name": "Omar",
        "last_name": "Visser",
        "team": "openbare-ruimte",
    },
    {
        "username": "burgerzaken",
        "first_name": "Bas",
        "last_name": "Dijkstra",
        "team": "burgerzaken",
    },
    {"username": "wmo", "first_name": "Wendy", "last_name": "Mulder", "team": "wmo"},
    {"username": "belastingen", "first_name": "Bea", "last_name": "Kramer", "team": "belastingen"},
]

# Phone numbers in the residents' profiles, so forms can prefill them (by BSN).
RESIDENT_PHONES = {
    "999990019": "+31612345678",
    "999990020": "+31687654321",
}

# Residents the contact centre knows without a DigiD login (someone who phoned or e-mailed):
# so a search by name on the registration screen lists more than one.
CONTACT_RESIDENTS = [
    {"name": "Annelies Mulder", "email": "annelies.mulder@example.nl", "phone": "0595 441234"},
]

EDITOR = {"username": "redacteur", "first_name": "Renée", "last_name": "de Boer"}
FUNCTIONAL_ADMIN = {"username": "zaaktypen", "first_name": "Fenna", "last_name": "Bos"}
SUPERUSER = {"username": "beheerder", "first_name": "Bert", "last_name": "Beheer"}

HOME_INTRO = "Regel uw zaken met de gemeente online, wanneer het u uitkomt."

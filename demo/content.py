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
]

EDITOR = {"username": "redacteur", "first_name": "Renée", "last_name": "de Boer"}
SUPERUSER = {"username": "beheerder", "first_name": "Bert", "last_name": "Beheer"}

CASE_TYPE = {
    "slug": "melding-openbare-ruimte",
    "name": "Melding openbare ruimte",
    "team": "openbare-ruimte",
    "lead_time_days": 5,
    "statuses": [("Ontvangen", False), ("In behandeling", False), ("Afgehandeld", True)],
}

HOME_INTRO = "Regel uw zaken met de gemeente online, wanneer het u uitkomt."

SERVICE = {
    "slug": "melding-openbare-ruimte",
    "title": "Melding openbare ruimte",
    "summary": "Ziet u iets kapot of vies op straat, in het groen of in een speeltuin? Meld het ons.",
    "body": (
        "<h2>Wat kunt u melden?</h2>"
        "<ul><li>kapotte straatverlichting</li><li>losliggende stoeptegels of gaten in de weg</li>"
        "<li>zwerfafval of een volle afvalbak</li><li>overhangende takken of onkruid</li></ul>"
        "<h2>Hoe lang duurt het?</h2>"
        "<p>U krijgt binnen 5 werkdagen antwoord. Is er direct gevaar? Bel dan 0595 44 77 77.</p>"
    ),
}

FORM = {
    "slug": "melding-doen",
    "title": "Melding openbare ruimte doen",
    "intro": "<p>Het invullen duurt ongeveer 3 minuten. U logt eerst in met DigiD.</p>",
    "confirmation_text": "<p>Een medewerker van team Openbare ruimte bekijkt uw melding.</p>",
    "steps": [
        {
            "title": "Wat wilt u melden?",
            "intro": "",
            "fields": [
                {
                    "label": "Soort melding",
                    "help_text": "",
                    "field_type": "choice",
                    "required": True,
                    "choices": "Kapotte straatverlichting\nLosliggende stoeptegel of gat in de weg\n"
                    "Zwerfafval of volle afvalbak\nAnders",
                },
                {
                    "label": "Omschrijving",
                    "help_text": "Beschrijf zo precies mogelijk wat er aan de hand is.",
                    "field_type": "textarea",
                    "required": True,
                    "choices": "",
                },
            ],
        },
        {
            "title": "Waar is het en hoe bereiken wij u?",
            "intro": "",
            "fields": [
                {
                    "label": "Locatie",
                    "help_text": (
                        "Straat en huisnummer of een omschrijving, "
                        "bijvoorbeeld: bij de kerk in Winsum."
                    ),
                    "field_type": "text",
                    "required": True,
                    "choices": "",
                },
                {
                    "label": "E-mailadres",
                    "help_text": "Hierop krijgt u een bevestiging en ons antwoord.",
                    "field_type": "email",
                    "required": True,
                    "choices": "",
                },
            ],
        },
    ],
}

"""Melding openbare ruimte: anyone may report, no login; a photo and an address help."""

from cases.constants import RequestNoun
from demo.content_forms.questions import PHOTO_TYPES, ask, step

MELDING = {
    "service": "melding-openbare-ruimte",
    "slug": "melding-doen",
    "title": "Melding openbare ruimte doen",
    "case_type": {
        "slug": "melding-openbare-ruimte",
        "name": "Melding openbare ruimte",
        "team": "openbare-ruimte",
        "lead_time": 5,
        "noun": RequestNoun.MELDING,
    },
    "login_required": False,
    "minimum_assurance": "basis",
    "allow_anonymous_email": True,
    "retention_days": 365,
    "intro": (
        "<p>Ziet u iets kapot of vies op straat, in het groen of in een speeltuin? Meld het "
        "hier. Het invullen duurt ongeveer 3 minuten. U hoeft niet in te loggen.</p>"
        "<p>Is er direct gevaar? Bel dan 0595 44 77 77.</p>"
    ),
    "next_steps": (
        "<ul><li>Een medewerker van team Openbare ruimte bekijkt uw melding.</li>"
        "<li>Is het gevaarlijk? Dan lossen wij het zo snel mogelijk op.</li>"
        "<li>Heeft u uw e-mailadres ingevuld? Dan krijgt u bericht als wij uw melding hebben "
        "opgelost.</li></ul>"
    ),
    "confirmation_text": (
        "<p>Bedankt voor uw melding. Zo houden we Het Hogeland samen schoon, heel en veilig.</p>"
    ),
    "steps": [
        step(
            "Wat wilt u melden?",
            ask(
                "radio",
                "Soort melding",
                options=[
                    "Kapotte straatverlichting",
                    "Losliggende stoeptegel of gat in de weg",
                    "Zwerfafval of volle afvalbak",
                    "Overhangende takken of onkruid",
                    "Kapot speeltoestel",
                    "Iets anders",
                ],
                in_title=True,
            ),
            ask(
                "textarea",
                "Omschrijving",
                help_text="Beschrijf zo precies mogelijk wat er aan de hand is.",
                max_length=1000,
            ),
        ),
        step(
            "Heeft u een foto?",
            ask(
                "file",
                "Foto",
                required=False,
                help_text=(
                    "Met een foto vinden en herstellen wij het sneller. "
                    "Zet geen mensen of kentekens op de foto."
                ),
                allowed_types=PHOTO_TYPES,
                max_size_mb=10,
                max_files=3,
            ),
        ),
        step(
            "Waar is het?",
            ask(
                "address",
                "Adres bij de plek",
                help_text="Het adres dat het dichtst bij de plek is.",
                in_title=True,
            ),
            ask(
                "text",
                "Waar precies?",
                required=False,
                help_text="Bijvoorbeeld: tegenover de ingang van de school.",
                max_length=300,
            ),
        ),
        step(
            "Hoe houden wij u op de hoogte?",
            ask(
                "email",
                "E-mailadres",
                required=False,
                help_text="Dan sturen wij u bericht als wij uw melding hebben opgelost.",
                prefill="email",
            ),
        ),
    ],
}

"""Klacht indienen: a complaint about how the municipality treated someone."""

from cases.constants import RequestNoun
from contacts.constants import NormUnit
from demo.content_forms.questions import ask, step, when

KLACHT = {
    "service": "klacht-indienen",
    "slug": "uw-klacht",
    "title": "Klacht indienen",
    "case_type": {
        "slug": "klacht",
        "name": "Klacht",
        "team": "informatie",
        # Six weeks, as the Algemene wet bestuursrecht (art. 9:11) allows: in weeks, so the
        # promised date is the one "binnen 6 weken" on the page means.
        "lead_time": 6,
        "lead_time_unit": NormUnit.WEEKS,
        "noun": RequestNoun.KLACHT,
    },
    "login_required": True,
    "minimum_assurance": "basis",
    "allow_anonymous_email": False,
    "retention_days": 730,
    "intro": (
        "<p>Bent u niet tevreden over hoe de gemeente u heeft behandeld? Dien dan een klacht "
        "in. Het invullen duurt ongeveer 5 minuten. U logt eerst in met DigiD.</p>"
        "<p>Bent u het niet eens met een besluit? Dan maakt u bezwaar. Hoe dat gaat, staat in "
        "de brief met het besluit.</p>"
    ),
    "next_steps": (
        "<ul><li>Binnen 5 werkdagen belt of mailt een klachtbehandelaar u. Samen bespreken we "
        "wat er is gebeurd.</li>"
        "<li>Vaak lossen we het in dat gesprek op.</li>"
        "<li>Lukt dat niet? Dan onderzoeken we uw klacht. U krijgt binnen 6 weken een brief "
        "met onze conclusie.</li></ul>"
    ),
    "confirmation_text": (
        "<p>Bent u daarna nog steeds niet tevreden? Dan kunt u naar de Nationale ombudsman.</p>"
    ),
    "steps": [
        step(
            "Uw klacht",
            ask(
                "select",
                "Waar gaat uw klacht over?",
                options=[
                    "Hoe een medewerker mij behandelde",
                    "Hoe lang iets duurde",
                    "Een brief of e-mail die niet duidelijk was",
                    "De bereikbaarheid van de gemeente",
                    "Iets anders",
                ],
                in_title=True,
            ),
            ask(
                "text",
                "Om welke medewerker of welk team gaat het?",
                required=False,
                help_text="Weet u de naam niet? Laat dit dan leeg.",
                condition=when("Waar gaat uw klacht over?", "Hoe een medewerker mij behandelde"),
            ),
        ),
        step(
            "Wat er gebeurde",
            ask(
                "textarea",
                "Wat is er gebeurd?",
                help_text="Vertel wat er gebeurde, wie erbij waren en waarom u niet tevreden bent.",
                max_length=3000,
            ),
            ask(
                "date",
                "Wanneer is het gebeurd?",
                help_text="Weet u de precieze datum niet meer? Vul dan ongeveer de datum in.",
                future_days=0,
            ),
        ),
        step(
            "Uw wens",
            ask(
                "textarea",
                "Wat wilt u dat wij doen?",
                help_text="Bijvoorbeeld: een gesprek, excuses, of dat wij iets anders gaan doen.",
                max_length=1000,
            ),
        ),
        step(
            "Contact en verklaring",
            ask("email", "E-mailadres", prefill="email"),
            ask(
                "phone",
                "Telefoonnummer",
                required=False,
                help_text="De klachtbehandelaar belt u graag om uw klacht te bespreken.",
                prefill="phone",
            ),
            ask(
                "declaration",
                "Ik weet dat de klachtbehandelaar mijn klacht bespreekt met de medewerker of het "
                "team over wie de klacht gaat.",
            ),
        ),
    ],
}

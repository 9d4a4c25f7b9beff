"""Vraag stellen: a question to team Informatie, without logging in."""

from cases.constants import RequestNoun
from demo.content_forms.questions import ask, step

VRAAG = {
    "service": "vraag-stellen",
    "slug": "uw-vraag",
    "title": "Vraag stellen",
    "case_type": {
        "slug": "vraag-aan-de-gemeente",
        "name": "Vraag aan de gemeente",
        "team": "informatie",
        "lead_time": 5,
        "noun": RequestNoun.VRAAG,
    },
    "login_required": False,
    "minimum_assurance": "basis",
    "allow_anonymous_email": True,
    "retention_days": 365,
    "intro": (
        "<p>Stel uw vraag aan de gemeente. U krijgt binnen 5 werkdagen antwoord per e-mail. "
        "U hoeft niet in te loggen.</p>"
    ),
    "next_steps": (
        "<ul><li>Een medewerker van team Informatie leest uw vraag.</li>"
        "<li>Kan een andere afdeling uw vraag beter beantwoorden? Dan sturen wij hem door. "
        "U krijgt daarover bericht.</li>"
        "<li>U krijgt het antwoord per e-mail.</li></ul>"
    ),
    "confirmation_text": (
        "<p>Heeft u haast? Bel ons op werkdagen van 8.30 tot 17.00 uur op 0595 44 77 77.</p>"
    ),
    "steps": [
        step(
            "Uw vraag",
            ask(
                "select",
                "Waar gaat uw vraag over?",
                options=[
                    "Afval",
                    "Belastingen",
                    "Bouwen en verbouwen",
                    "Paspoort, rijbewijs of verhuizen",
                    "Parkeren",
                    "Zorg en ondersteuning",
                    "Iets anders",
                ],
                in_title=True,
            ),
            ask(
                "textarea",
                "Uw vraag",
                help_text="Zet geen burgerservicenummer (BSN) of medische gegevens in uw vraag.",
                max_length=2000,
            ),
        ),
        step(
            "Hoe krijgt u antwoord?",
            ask(
                "email",
                "E-mailadres",
                help_text="Hierop krijgt u ons antwoord.",
                prefill="email",
            ),
            ask(
                "phone",
                "Telefoonnummer",
                required=False,
                help_text="Vul dit in als u liever gebeld wordt.",
                prefill="phone",
            ),
        ),
    ],
}

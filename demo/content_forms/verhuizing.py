"""Verhuizing doorgeven: the name comes from the BRP, the new address is looked up."""

from cases.constants import RequestNoun
from demo.content_forms.questions import ask, step, when

VERHUIZING = {
    "service": "verhuizing-doorgeven",
    "slug": "doorgeven",
    "title": "Verhuizing doorgeven",
    "case_type": {
        "slug": "verhuizing",
        "name": "Verhuizing",
        "team": "burgerzaken",
        "lead_time": 5,
        # Residents "geven een verhuizing door": they report it, they do not ask for it.
        "noun": RequestNoun.MELDING,
    },
    "login_required": True,
    "minimum_assurance": "midden",
    "allow_anonymous_email": False,
    "retention_days": 365,
    "intro": (
        "<p>Geef uw nieuwe adres door. Dat kan vanaf 4 weken voor de verhuizing tot 5 dagen "
        "erna. Het invullen duurt ongeveer 5 minuten.</p>"
        "<p>U logt in met DigiD, met de DigiD-app of met sms-controle.</p>"
    ),
    "next_steps": (
        "<ul><li>Wij controleren uw nieuwe adres. Soms nemen wij contact met u op, "
        "bijvoorbeeld als er al iemand anders op het adres woont.</li>"
        "<li>Daarna zetten wij uw nieuwe adres in de Basisregistratie Personen (BRP).</li>"
        "<li>Organisaties zoals de Belastingdienst en uw zorgverzekeraar krijgen uw nieuwe "
        "adres dan vanzelf.</li></ul>"
    ),
    "confirmation_text": (
        "<p>Geef uw nieuwe adres ook door aan uw bank, uw werkgever en uw energieleverancier. "
        "Dat doet de gemeente niet voor u.</p>"
    ),
    "steps": [
        step(
            "Wie verhuist er?",
            ask(
                "text",
                "Uw naam",
                help_text="Zoals die in de Basisregistratie Personen (BRP) staat.",
                prefill="name",
                read_only=True,
            ),
            ask(
                "yes_no",
                "Verhuizen er andere mensen met u mee?",
                help_text="Bijvoorbeeld uw partner of uw kinderen.",
            ),
            ask(
                "textarea",
                "Wie verhuizen er met u mee?",
                help_text=(
                    "Schrijf per persoon de naam en de geboortedatum op. Is iemand 16 jaar of "
                    "ouder? Dan geeft die de verhuizing zelf door."
                ),
                max_length=1000,
                condition=when("Verhuizen er andere mensen met u mee?", "ja"),
            ),
        ),
        step(
            "Uw nieuwe adres",
            ask("address", "Nieuw adres", not_current=True),
            ask(
                "date",
                "Verhuisdatum",
                help_text="De dag dat u op het nieuwe adres gaat wonen.",
                past_days=5,
                future_days=28,
            ),
            ask(
                "yes_no",
                "Woont er al iemand op het nieuwe adres?",
                help_text="Bijvoorbeeld als u bij uw partner of uw ouders gaat wonen.",
            ),
            ask(
                "text",
                "Naam van de hoofdbewoner",
                help_text="De hoofdbewoner moet toestemming geven. Wij vragen daar zelf om.",
                condition=when("Woont er al iemand op het nieuwe adres?", "ja"),
            ),
        ),
        step(
            "Uw contactgegevens",
            ask("email", "E-mailadres", prefill="email"),
            ask("phone", "Telefoonnummer", required=False, prefill="phone"),
            intro="Wij gebruiken deze gegevens alleen als wij een vraag hebben over uw verhuizing.",
        ),
    ],
}

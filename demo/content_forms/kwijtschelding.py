"""Kwijtschelding gemeentelijke belastingen: some steps depend on the household."""

from cases.constants import RequestNoun
from contacts.constants import NormUnit
from demo.content_forms.questions import DOCUMENT_TYPES, ask, step, when

HOUSEHOLD = "Wat is uw woonsituatie?"
HAS_INCOME = "Heeft u een inkomen?"

KWIJTSCHELDING = {
    "service": "kwijtschelding-gemeentelijke-belastingen",
    "slug": "aanvragen",
    "title": "Kwijtschelding aanvragen",
    "case_type": {
        "slug": "kwijtschelding",
        "name": "Kwijtschelding gemeentelijke belastingen",
        "team": "belastingen",
        # Eight weeks for a decision (Awb 4:13), as the page says: in weeks, not 40 working
        # days (which ends on another date).
        "lead_time": 8,
        "lead_time_unit": NormUnit.WEEKS,
        "noun": RequestNoun.AANVRAAG,
    },
    "login_required": True,
    "minimum_assurance": "midden",
    "allow_anonymous_email": False,
    # Tax records: seven years, as the fiscal retention duty asks.
    "retention_days": 2555,
    "intro": (
        "<p>Heeft u een laag inkomen en weinig spaargeld? Dan hoeft u de afvalstoffenheffing "
        "en de rioolheffing misschien niet te betalen. Het invullen duurt ongeveer 10 "
        "minuten.</p>"
        "<p>Houd uw aanslag en de bankafschriften van de laatste 3 maanden bij de hand. U logt "
        "in met DigiD, met de DigiD-app of met sms-controle.</p>"
    ),
    "next_steps": (
        "<ul><li>Wij controleren uw gegevens, ook bij het UWV en de Belastingdienst.</li>"
        "<li>Hebben wij meer informatie nodig? Dan krijgt u een brief.</li>"
        "<li>Binnen 8 weken krijgt u een brief met ons besluit.</li>"
        "<li>Zolang wij uw aanvraag behandelen, hoeft u de aanslag niet te betalen.</li></ul>"
    ),
    "confirmation_text": (
        "<p>Heeft u moeite met rondkomen? Het Sociaal Team helpt u gratis. Bel 0595 44 77 77.</p>"
    ),
    "steps": [
        step(
            "Uw aanslag",
            ask(
                "text",
                "Aanslagnummer",
                help_text="Dit nummer staat rechtsboven op uw aanslag gemeentelijke belastingen.",
                max_length=20,
            ),
        ),
        step(
            "Uw woonsituatie",
            ask(
                "radio",
                HOUSEHOLD,
                help_text="Alleenstaande ouder: u woont alleen met uw kinderen jonger dan 18 jaar.",
                options=["Alleenstaand", "Samenwonend of getrouwd", "Alleenstaande ouder"],
            ),
        ),
        step(
            "Inkomen van uw partner",
            ask(
                "number",
                "Netto inkomen van uw partner per maand",
                help_text="In euro's: het bedrag dat uw partner elke maand op de bank krijgt.",
                min_value=0,
                decimals=True,
            ),
            condition=when(HOUSEHOLD, "Samenwonend of getrouwd"),
        ),
        step(
            "Uw kinderen",
            ask(
                "number",
                "Hoeveel kinderen jonger dan 18 jaar wonen bij u?",
                min_value=1,
                max_value=20,
            ),
            ask("yes_no", "Krijgt u kinderalimentatie?"),
            ask(
                "number",
                "Kinderalimentatie per maand",
                help_text="In euro's.",
                min_value=0,
                decimals=True,
                condition=when("Krijgt u kinderalimentatie?", "ja"),
            ),
            condition=when(HOUSEHOLD, "Alleenstaande ouder"),
        ),
        step(
            "Uw inkomen",
            # Only "equals" conditions: a yes/no first, so "no income" asks for no amount.
            ask("yes_no", HAS_INCOME),
            ask(
                "radio",
                "Waar komt uw inkomen vandaan?",
                options=[
                    "Loon",
                    "Uitkering, bijvoorbeeld bijstand of WW",
                    "AOW of pensioen",
                    "Studiefinanciering",
                ],
                condition=when(HAS_INCOME, "ja"),
            ),
            ask(
                "number",
                "Uw netto inkomen per maand",
                help_text="In euro's: het bedrag dat u elke maand op de bank krijgt.",
                min_value=0,
                decimals=True,
                condition=when(HAS_INCOME, "ja"),
            ),
        ),
        step(
            "Spaargeld en bezit",
            ask(
                "number",
                "Spaargeld",
                help_text=(
                    "In euro's: het geld op al uw bankrekeningen samen. Woont u samen? Tel dan "
                    "ook het geld van uw partner mee."
                ),
                decimals=True,
            ),
            ask("yes_no", "Heeft u een auto?"),
            ask(
                "number",
                "Wat is uw auto ongeveer waard?",
                help_text="In euro's.",
                min_value=0,
                decimals=True,
                condition=when("Heeft u een auto?", "ja"),
            ),
        ),
        step(
            "Bankafschriften",
            ask(
                "file",
                "Bankafschriften van de laatste 3 maanden",
                required=False,
                help_text="Van al uw rekeningen. U mag ze ook later sturen als wij erom vragen.",
                allowed_types=DOCUMENT_TYPES,
                max_size_mb=10,
                max_files=5,
            ),
        ),
        step(
            "Contact en verklaring",
            ask("email", "E-mailadres", prefill="email"),
            ask("phone", "Telefoonnummer", required=False, prefill="phone"),
            ask(
                "declaration",
                "Ik heb alle vragen eerlijk beantwoord. Ik weet dat de gemeente mijn gegevens "
                "controleert bij andere organisaties, zoals het UWV en de Belastingdienst.",
            ),
        ),
    ],
}

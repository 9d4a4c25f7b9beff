"""Gehandicaptenparkeerkaart aanvragen, with a medical statement."""

from cases.constants import RequestNoun
from contacts.constants import NormUnit
from demo.content_forms.questions import DOCUMENT_TYPES, ask, step, when

PARKEERKAART = {
    "service": "gehandicaptenparkeerkaart",
    "slug": "aanvragen",
    "title": "Gehandicaptenparkeerkaart aanvragen",
    "case_type": {
        "slug": "gehandicaptenparkeerkaart",
        "name": "Gehandicaptenparkeerkaart",
        "team": "wmo",
        # Eight weeks for a decision (Awb 4:13), as the page says: in weeks, not 40 working
        # days (which ends on another date).
        "lead_time": 8,
        "lead_time_unit": NormUnit.WEEKS,
        "noun": RequestNoun.AANVRAAG,
    },
    "login_required": True,
    "minimum_assurance": "midden",
    "allow_anonymous_email": False,
    # A card is valid for at most 5 years; a renewal looks back at the first application.
    "retention_days": 1825,
    "intro": (
        "<p>Kunt u niet verder lopen dan 100 meter, ook niet met een hulpmiddel? Vraag dan een "
        "gehandicaptenparkeerkaart aan. Het invullen duurt ongeveer 10 minuten.</p>"
        "<p>Houd een medische verklaring bij de hand, bijvoorbeeld een brief van uw huisarts "
        "of specialist. Een foto of scan ervan is genoeg. U logt in met DigiD, met de DigiD-app "
        "of met sms-controle.</p>"
    ),
    "next_steps": (
        "<ul><li>Een Wmo-consulent bekijkt uw aanvraag.</li>"
        "<li>Soms vragen wij een onafhankelijke arts om u te keuren. Dat is gratis. U krijgt "
        "dan een brief met een afspraak.</li>"
        "<li>Binnen 8 weken krijgt u een brief met ons besluit.</li>"
        "<li>Krijgt u de kaart? Dan vragen wij u om een pasfoto en om € 45,- te betalen.</li>"
        "</ul>"
    ),
    "confirmation_text": "<p>Heeft u vragen over uw aanvraag? Bel team Wmo op 0595 44 77 77.</p>",
    "steps": [
        step(
            "Soort kaart",
            ask(
                "radio",
                "Welke kaart vraagt u aan?",
                help_text=(
                    "Bestuurderskaart: u rijdt zelf. "
                    "Passagierskaart: u rijdt niet zelf, iemand anders rijdt u."
                ),
                options=["Bestuurderskaart", "Passagierskaart"],
                in_title=True,
            ),
        ),
        step(
            "Uw situatie",
            ask(
                "textarea",
                "Wat is uw ziekte of beperking?",
                help_text="Schrijf het in uw eigen woorden. Medische woorden zijn niet nodig.",
                max_length=2000,
            ),
            ask(
                "radio",
                "Hoe ver kunt u lopen zonder te stoppen?",
                help_text="Ook als u een hulpmiddel gebruikt, zoals een rollator.",
                options=["Minder dan 100 meter", "Tussen 100 en 200 meter", "Meer dan 200 meter"],
            ),
            ask("yes_no", "Gebruikt u een hulpmiddel bij het lopen?"),
            ask(
                "text",
                "Welk hulpmiddel gebruikt u?",
                help_text="Bijvoorbeeld een rollator, krukken of een rolstoel.",
                condition=when("Gebruikt u een hulpmiddel bij het lopen?", "ja"),
            ),
            ask(
                "radio",
                "Hoe lang duurt uw beperking naar verwachting?",
                options=["Korter dan 6 maanden", "6 maanden of langer", "Dat weet ik niet"],
            ),
        ),
        step(
            "Medische verklaring",
            ask(
                "file",
                "Medische verklaring",
                help_text=(
                    "Een brief van uw huisarts, specialist of fysiotherapeut. Daarin staat wat u "
                    "heeft en hoe lang het duurt."
                ),
                allowed_types=DOCUMENT_TYPES,
                max_size_mb=10,
                max_files=3,
            ),
        ),
        step(
            "Contact en verklaring",
            ask("email", "E-mailadres", prefill="email"),
            ask(
                "phone",
                "Telefoonnummer",
                required=False,
                help_text="Soms bellen wij u om een afspraak te maken.",
                prefill="phone",
            ),
            ask(
                "declaration",
                "Ik heb alle vragen eerlijk beantwoord. Ik vind het goed dat een arts van de "
                "gemeente mijn medische gegevens bekijkt.",
            ),
        ),
    ],
}

"""Demo content for the legal and trust pages (B1). The generated parts come from the site."""

ACCESSIBILITY = {
    "slug": "toegankelijkheid",
    "title": "Toegankelijkheidsverklaring",
    "summary": "Wij willen dat iedereen onze website kan gebruiken, ook mensen met een beperking.",
    "status": "B",
    "scope": "www.hethogeland.nl en Mijn Hogeland (mijn.hethogeland.nl)",
    "statement_days_ago": 30,
    "research_days_ago": 45,
    "research_by": "Stichting Toegankelijk Noorden (onafhankelijk onderzoeksbureau)",
    "research_method": "WCAG-EM, getoetst aan WCAG 2.2 niveau AA (EN 301 549)",
    "known_issues": [
        {
            "description": "Oudere PDF-bestanden bij nieuwsberichten zijn niet goed te lezen met een schermlezer.",
            "criterion": "1.3.1 Info en relaties",
            "fix": "Wij zetten ze om naar webpagina's, uiterlijk in juni 2027",
        },
        {
            "description": "Op de kaart bij werkzaamheden staan omleidingen alleen in beeld, niet in tekst.",
            "criterion": "1.1.1 Niet-tekstuele content",
            "fix": "De omleiding staat vanaf nu ook in de tekst van het bericht",
        },
    ],
    "body": "<h2>Wat doen wij?</h2><p>Wij testen nieuwe onderdelen van de website met mensen met een beperking en met automatische controles. Elk jaar laten wij de website opnieuw onderzoeken.</p>",
}

PRIVACY = {
    "slug": "privacy",
    "title": "Privacyverklaring",
    "summary": "Welke gegevens wij van u gebruiken, waarom en hoe lang wij ze bewaren.",
    "body": "<p>De gemeente Het Hogeland gebruikt uw gegevens alleen als dat nodig is voor haar taken, zoals het behandelen van uw aanvraag of melding. Dat staat in de Algemene verordening gegevensbescherming (AVG). Wij geven uw gegevens niet aan anderen, tenzij de wet dat zegt of u toestemming geeft.</p><p>Onze website meet niet wie u bent of wat u bekijkt. Wij tellen alleen zoekwoorden, zonder te weten wie zocht.</p>",
    "privacy_officer_email": "privacy@hethogeland.nl",
}

COOKIES = {
    "slug": "cookies",
    "title": "Cookieverklaring",
    "summary": "Wij gebruiken alleen cookies die nodig zijn om de website te laten werken.",
    "body": "<p>Een cookie is een klein bestand dat de website op uw computer of telefoon zet. Hieronder staan alle cookies van deze website.</p>",
}

SITEMAP = {
    "slug": "overzicht",
    "title": "Overzicht van de website",
    "summary": "Alle pagina's van de website op een rij.",
}

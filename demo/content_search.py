"""Demo search content: words residents type, and the editors' picks for common searches."""

# (what residents type, what it means on the website)
SYNONYMS = [
    ("lantaarnpaal", "straatverlichting, verlichting, straatlamp, lantaarn"),
    ("gat in de weg", "kuil, gat in de straat, wegdek kapot"),
    ("stoep", "trottoir, voetpad"),
    ("paspoort", "reisdocument, identiteitskaart"),
    ("klacht", "klagen, ontevreden"),
    ("kliko", "container, minicontainer, afvalbak"),
    ("verhuizen", "adreswijziging, verhuizing, ander adres"),
    ("thuishulp", "huishoudelijke hulp, wmo"),
    ("gpk", "gehandicaptenparkeerkaart, invalidenparkeerkaart"),
    ("uitkering", "bijstand, bijstandsuitkering"),
]

# (search term, slug of the recommended page, why)
PROMOTIONS = [
    (
        "afspraak maken",
        "paspoort-en-id-kaart",
        "Voor een paspoort of ID-kaart maakt u een afspraak in Winsum, Bedum, Uithuizen of Leens.",
    ),
    ("afspraak maken", "rijbewijs", "Ook voor een rijbewijs maakt u eerst een afspraak."),
    ("iets kapot", "melding-openbare-ruimte", "Meld het ons, dan lossen wij het op."),
]

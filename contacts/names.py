"""Names as the search compares them: lower case, no accents, words separated by one space.

"Anna de Vriës-Bakker" and "anna de vries bakker" become the same text, so a search for
"de vr" finds her on SQLite and PostgreSQL alike, from a column rather than in Python.
"""

import re
import unicodedata

_NOT_A_LETTER = re.compile(r"[^0-9a-z]+")


def search_text(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value or "")
    plain = "".join(character for character in decomposed if not unicodedata.combining(character))
    return " ".join(_NOT_A_LETTER.sub(" ", plain.casefold()).split())


def words_match(name: str, query: str) -> bool:
    """Every word of the query starts a word of the name ("de vr" matches "Anna de Vries")."""
    words = search_text(name).split()
    return all(any(word.startswith(part) for word in words) for part in search_text(query).split())

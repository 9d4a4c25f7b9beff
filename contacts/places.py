"""Places in Het Hogeland: which village (kern) a town name from the BRP or BAG is."""

from django.utils.text import slugify

from contacts.constants import Village


def village_for_town(town: str) -> str:
    """The village value for a town name as the BRP or BAG writes it ("UITHUIZEN",
    "Wehe-den Hoorn"), or "" for a town outside Het Hogeland."""
    value = slugify(town or "")
    return value if value in Village.values else ""

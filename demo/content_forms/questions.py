"""Helpers to write a form's questions as an editor types them in Wagtail."""


def ask(field_type, label, **options):
    """One question (or text block) of a registered field type, with that type's options."""
    return {"type": field_type, "label": label, **options}


def step(title, *fields, intro="", condition=None):
    return {"title": title, "intro": intro, "fields": list(fields), "condition": condition}


def when(question, value):
    """Only show a step or question when an earlier question has this answer."""
    return {"question": question, "value": value}


PHOTO_TYPES = ["jpg", "png", "heic"]
DOCUMENT_TYPES = ["pdf", "jpg", "png"]

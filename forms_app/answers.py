"""Reading submitted answers: the one place that knows their stored shape.

``Submission.answers`` is a list, one entry per question the resident saw, in the order
asked::

    {"key": "v_3f2a9c1b0d4e",   # stable: from the StreamField block id
     "step": "s_9a8b7c6d5e4f",  # the step's key
     "type": "date",            # a registered field type (forms_app.field_types)
     "label": "Datum van verhuizing",  # the label exactly as asked
     "value": "2026-11-28"}     # the typed JSON value, shape per type (forms_app/README.md)

Questions hidden by a condition are not in the list. A value is null when an optional
question was left empty. The check page, the e-mail, the staff view, the portal and the CSV
export all read the list through this module.
"""

from __future__ import annotations

from typing import Any

from forms_app import field_types
from forms_app.constants import CHECK_STEP
from forms_app.field_types.base import lower_first


def _type(answer):
    try:
        return field_types.get(answer["type"])
    except KeyError:
        return None


def display(answer: dict, uploads: dict | None = None) -> str:
    field_type = _type(answer)
    if field_type is None:
        return "" if answer.get("value") is None else str(answer["value"])
    return field_type.display(answer["value"], {"_uploads": uploads or {}})


def export(answer: dict, uploads: dict | None = None) -> str:
    field_type = _type(answer)
    if field_type is None:
        return "" if answer.get("value") is None else str(answer["value"])
    return field_type.export(answer["value"], {"_uploads": uploads or {}})


def rows(answers: list[dict], uploads: dict | None = None) -> list[dict]:
    """Label, shown value and type of each answer: for templates."""
    return [
        {
            "key": answer["key"],
            "label": answer["label"],
            "value": display(answer, uploads),
            "type": answer["type"],
            "uploads": [
                uploads[upload_id]
                for upload_id in ((answer["value"] or []) if answer["type"] == "file" else [])
                if upload_id in (uploads or {})
            ],
        }
        for answer in answers
    ]


def email_in(definition, answers: dict[str, Any]) -> str:
    """The first e-mail address answered: where updates go for someone not logged in."""
    for key, value in answers.items():
        if value and definition.fields[key].type.slug == "email":
            return value
    return ""


def town_in(answers: list[dict]) -> str:
    """The town of the first address answered (a report's location, a new address), or ""."""
    for answer in answers:
        if answer["type"] == "address" and answer.get("value"):
            return answer["value"].get("city", "")
    return ""


def case_title(definition, answers: list[dict], fallback: str) -> str:
    """The case title from the answers the editor marked, e.g. "Losse stoeptegel – Hoofdstraat 12,
    Winsum"; the form's title when none was marked or answered."""
    by_key = {answer["key"]: answer for answer in answers}
    parts = []
    for spec in definition.title_fields():
        answer = by_key.get(spec.key)
        if answer and answer["value"] not in (None, "", []):
            parts.append(spec.type.title_part(answer["value"], spec.config))
    title = " – ".join(part for part in parts if part) or fallback
    return title[:200]


def check_summary(definition, plan, *, change_url, fixed=frozenset()) -> list[dict]:
    """Steps with their answers for "Controleer uw antwoorden"; "Wijzigen" returns here. The
    answers in ``fixed`` (prefilled, read-only) get no "Wijzigen"."""
    summary = []
    for key, step in plan["steps"].items():
        rows_ = []
        for spec in step.fields:
            if not spec.type.has_answer or spec.key not in plan["answers"]:
                continue
            rows_.append(
                {
                    "label": spec.label,
                    # After "Wijzigen", for a screen reader.
                    "label_in_sentence": lower_first(spec.label),
                    "value": spec.type.display(plan["answers"][spec.key], spec.config),
                    "change_url": ""
                    if spec.key in fixed
                    else f"{change_url(key)}?terug={CHECK_STEP}#id_{key}-{spec.key}",
                }
            )
        summary.append({"title": step.title, "rows": rows_, "change_url": change_url(key)})
    return summary

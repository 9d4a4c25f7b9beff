"""What the privacyverklaring says per form, read from the live forms themselves.

An editor who adds a question or changes a form's retention period changes the statement
with it: nothing here is typed twice.
"""

from dataclasses import dataclass, field

from django.conf import settings

from forms_app.models import FormPage
from forms_app.prefill.sources import PrefillSource


@dataclass
class FormPrivacy:
    page: FormPage
    anchor: str
    noun: str
    case_type: str
    team: str
    questions: list[str] = field(default_factory=list)
    identity: list[str] = field(default_factory=list)
    retention_days: int = 0
    draft_days: int = 0
    files: bool = False


def _identity(page: FormPage, prefill: set[str]) -> list[str]:
    items = []
    if page.login_required:
        items.append("Uw burgerservicenummer (BSN), via DigiD")
        if prefill & {PrefillSource.NAME, PrefillSource.ADDRESS}:
            items.append("Uw naam en adres uit de Basisregistratie Personen (BRP)")
    elif page.allow_anonymous_email:
        items.append("Uw e-mailadres, als u het invult om op de hoogte te blijven")
    return items


def describe_form(page: FormPage) -> FormPrivacy:
    case_type = page.case_type
    definition = page.definition
    questions, prefill, files = [], set(), False
    for spec in definition.fields.values():
        if not spec.type.has_answer or not spec.label:
            continue
        questions.append(spec.label)
        if spec.config.get("prefill"):
            prefill.add(spec.config["prefill"])
        files = files or spec.type.slug == "file"
    return FormPrivacy(
        page=page,
        anchor=f"formulier-{page.slug}",
        noun=case_type.noun_label,
        case_type=case_type.name,
        team=case_type.team.name,
        questions=questions,
        identity=_identity(page, prefill),
        retention_days=page.retention_days,
        draft_days=settings.FORMS_DRAFT_DAYS,
        files=files,
    )


def form_privacy() -> list[FormPrivacy]:
    pages = FormPage.objects.live().public().select_related("case_type__team").order_by("title")
    return [describe_form(page) for page in pages]

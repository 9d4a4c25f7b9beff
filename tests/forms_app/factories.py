import json
import uuid

import factory
import wagtail_factories

from forms_app.models import FormPage
from tests.cases.factories import CaseTypeFactory


def field(label, field_type="text", required=True, help_text="", choices=""):
    return {
        "type": "field",
        "id": str(uuid.uuid4()),
        "value": {
            "label": label,
            "field_type": field_type,
            "required": required,
            "help_text": help_text,
            "choices": choices,
        },
    }


def step(title, *fields):
    return {
        "type": "step",
        "id": str(uuid.uuid4()),
        "value": {"title": title, "intro": "", "fields": list(fields)},
    }


DEFAULT_STEPS = [
    step(
        "Wat wilt u melden?",
        field("Soort melding", "choice", choices="Straatverlichting\nZwerfafval"),
        field("Omschrijving", "textarea"),
    ),
    step(
        "Waar is het?",
        field("Locatie"),
        field("E-mailadres", "email"),
        field("Telefoonnummer", "phone", required=False),
    ),
]


class FormPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = FormPage

    title = "Melding doen"
    slug = "melding-doen"
    case_type = factory.SubFactory(CaseTypeFactory)
    login_required = True
    steps = json.dumps(DEFAULT_STEPS)
    intro = "<p>Het invullen duurt 3 minuten.</p>"

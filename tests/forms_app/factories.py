import json
import uuid

import factory
import wagtail_factories

from forms_app.definition import field_key, step_key
from forms_app.models import FormPage
from tests.cases.factories import CaseTypeFactory


def field(label, field_type="text", *, required=True, help_text="", block_id=None, **options):
    """One question as StreamField JSON; options are the type's own (options, max_length...)."""
    return {
        "type": field_type,
        "id": block_id or str(uuid.uuid4()),
        "value": {"label": label, "required": required, "help_text": help_text, **options},
    }


def text_block(text, label=""):
    return {"type": "text_block", "id": str(uuid.uuid4()), "value": {"label": label, "text": text}}


def when(question, value):
    return {"question": question, "value": value}


def step(title, *fields, condition=None, block_id=None):
    value = {"title": title, "intro": "", "fields": list(fields)}
    if condition:
        value["condition"] = condition
    return {"type": "step", "id": block_id or str(uuid.uuid4()), "value": value}


def key_of(block) -> str:
    """The stable answer key (fields) or step key (steps) of a StreamField JSON block."""
    return (step_key if block["type"] == "step" else field_key)(block["id"], "")


def default_steps():
    return [
        step(
            "Wat wilt u melden?",
            field(
                "Soort melding",
                "radio",
                options="Straatverlichting\nZwerfafval\nLosliggende stoeptegel",
                in_title=True,
            ),
            field("Omschrijving", "textarea"),
        ),
        step(
            "Waar is het?",
            field("Locatie", in_title=True),
            field("E-mailadres", "email", prefill="email"),
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
    minimum_assurance = "basis"
    steps = factory.LazyFunction(lambda: json.dumps(default_steps()))
    intro = "<p>Het invullen duurt 3 minuten.</p>"

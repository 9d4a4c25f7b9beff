"""The demo's online forms as FormPages below their service pages ("Regel het online")."""

import json
import uuid

from cms.models import ServicePage
from demo import content_forms
from demo.cases import case_type_ensure
from forms_app.models import FormPage

PAGE_FIELDS = (
    "title",
    "intro",
    "login_required",
    "minimum_assurance",
    "allow_anonymous_email",
    "confirmation_text",
    "next_steps",
    "retention_days",
)


def form_case_types(teams) -> dict:
    """Each form's case type, by the slug of the service page the form belongs to."""
    return {
        spec["service"]: case_type_ensure(
            **{**spec["case_type"], "team": teams[spec["case_type"]["team"]]}
        )
        for spec in content_forms.FORMS
    }


def seed_forms(services: dict[str, ServicePage], case_types: dict) -> list[FormPage]:
    return [
        _form(services[spec["service"]], spec, case_types[spec["service"]])
        for spec in content_forms.FORMS
    ]


def _form(service: ServicePage, spec, case_type) -> FormPage:
    """Created the first time; republished only when the demo text differs from the page
    (an older demo database), so a second seed writes nothing."""
    wanted = {name: spec[name] for name in PAGE_FIELDS}
    steps = steps_stream(f"{spec['service']}/{spec['slug']}", spec["steps"])
    form = FormPage.objects.child_of(service).filter(slug=spec["slug"]).first()
    if form is None:
        form = FormPage(slug=spec["slug"], case_type=case_type, steps=json.dumps(steps), **wanted)
        service.add_child(instance=form)
        form.save_revision().publish()
    elif form.case_type_id != case_type.pk or _differs(form, wanted, steps):
        for name, value in wanted.items():
            setattr(form, name, value)
        form.case_type = case_type
        form.steps = json.dumps(steps)
        form.save_revision().publish()
    if service.form_page_id != form.pk:
        service.form_page = form
        service.save_revision().publish()
    return form


def _differs(form: FormPage, wanted: dict, steps: list) -> bool:
    if any(getattr(form, name) != value for name, value in wanted.items()):
        return True
    # Compare as the StreamField stores them, with every option's default filled in.
    block = FormPage._meta.get_field("steps").stream_block
    return _stored(block, block.to_python(steps)) != _stored(block, form.steps)


def _stored(block, stream) -> list:
    # A StreamValue keeps blocks it has not read as raw JSON; reading them fills in defaults.
    list(stream)
    return block.get_prep_value(stream)


def steps_stream(form_name: str, steps: list[dict]) -> list[dict]:
    """StreamField JSON with block ids from stable names, so answers and drafts keep their
    keys across reseeds. ``steps`` are in the shape of demo.content_forms."""
    return [
        {
            "type": "step",
            "id": _stable_id(form_name, "step", step["title"]),
            "value": {
                "title": step["title"],
                "intro": step.get("intro", ""),
                "fields": [_field(form_name, field) for field in step["fields"]],
                "condition": step.get("condition") or {"question": "", "value": ""},
            },
        }
        for step in steps
    ]


def _field(form_name: str, field: dict) -> dict:
    field_type, value = field["type"], {key: v for key, v in field.items() if key != "type"}
    if isinstance(value.get("options"), list | tuple):
        value["options"] = "\n".join(value["options"])
    if field_type != "text_block":
        value = {"help_text": "", "required": True, **value}
    return {
        "type": field_type,
        "id": _stable_id(form_name, "field", field["label"]),
        "value": value,
    }


def _stable_id(*parts: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "demo:" + ":".join(parts)))

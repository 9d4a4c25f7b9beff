"""Turn the editor's steps (StreamField) into Django form classes, one per step."""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from forms_app.blocks import FieldType

phone_validator = RegexValidator(
    r"^\+?[0-9 ()-]{10,16}$", _("Vul een telefoonnummer in, bijvoorbeeld 0595 447 777.")
)


def field_key(block_id: str) -> str:
    return "v_" + block_id.replace("-", "")[:12]


def build_field(value) -> forms.Field:
    kind = value["field_type"]
    common = {
        "label": value["label"],
        "help_text": value["help_text"],
        "required": value["required"],
        "error_messages": {"required": _("Vul in: %(label)s") % {"label": value["label"]}},
    }
    if kind == FieldType.TEXTAREA:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), max_length=5000, **common)
    if kind == FieldType.EMAIL:
        common["error_messages"]["invalid"] = _(
            "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."
        )
        return forms.EmailField(widget=forms.EmailInput(attrs={"autocomplete": "email"}), **common)
    if kind == FieldType.PHONE:
        return forms.CharField(
            validators=[phone_validator],
            widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            **common,
        )
    if kind == FieldType.DATE:
        common["error_messages"]["invalid"] = _(
            "Vul een geldige datum in, bijvoorbeeld 28-11-2026."
        )
        return forms.DateField(
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            input_formats=["%Y-%m-%d", "%d-%m-%Y"],
            **common,
        )
    if kind == FieldType.CHOICE:
        options = [line.strip() for line in (value["choices"] or "").splitlines() if line.strip()]
        common["error_messages"]["invalid_choice"] = _("Kies een van de opties.")
        return forms.ChoiceField(
            choices=[(option, option) for option in options], widget=forms.RadioSelect, **common
        )
    if kind == FieldType.CHECKBOX:
        return forms.BooleanField(**common)
    return forms.CharField(max_length=500, **common)


WIDGET_CLASSES = {
    forms.Textarea: "utrecht-textarea",
    forms.RadioSelect: "",
    forms.CheckboxInput: "utrecht-checkbox",
}


class AccessibleFormMixin:
    """NL Design System classes, and help and error texts tied to their field for screen readers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            widget.attrs.setdefault("class", WIDGET_CLASSES.get(type(widget), "utrecht-textbox"))
            if field.help_text:
                widget.attrs["aria-describedby"] = f"{self[name].auto_id}-help"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                ids = [widget.attrs.get("aria-describedby", ""), f"{self[name].auto_id}-error"]
                widget.attrs["aria-describedby"] = " ".join(filter(None, ids))
                widget.attrs["aria-invalid"] = "true"


class StepForm(AccessibleFormMixin, forms.Form):
    step_title = ""

    def answers(self) -> list[dict]:
        """The answers with the labels exactly as they were asked."""
        return [
            {"label": str(field.label), "value": display_value(field, self.cleaned_data.get(name))}
            for name, field in self.fields.items()
        ]

    def email(self) -> str:
        """The first e-mail address given in this step: where the answer should go."""
        for name, field in self.fields.items():
            if isinstance(field, forms.EmailField) and self.cleaned_data.get(name):
                return self.cleaned_data[name]
        return ""


def display_value(field: forms.Field, value) -> str:
    if isinstance(field, forms.BooleanField):
        return "Ja" if value else "Nee"
    if value in (None, ""):
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%d-%m-%Y")
    return str(value)


def build_step_form(step) -> type[StepForm]:
    attrs = {"step_title": step.value["title"], "step_intro": step.value["intro"]}
    for field_block in step.value["fields"]:
        attrs[field_key(field_block.id)] = build_field(field_block.value)
    return type("StepForm", (StepForm,), attrs)


class CheckAnswersForm(forms.Form):
    """The "Controleer uw antwoorden" step. The key makes a repeated submit harmless."""

    step_title = _("Controleer uw antwoorden")
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)

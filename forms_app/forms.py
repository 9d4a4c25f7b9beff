"""The Django form of one step, built from the form definition and the registered types."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django import forms
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from forms_app.definition import FormDefinition, StepSpec

WIDGET_CLASSES = {
    forms.Textarea: "utrecht-textarea",
    forms.Select: "utrecht-select",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
}
GROUP_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple, forms.MultiWidget)


@dataclass
class WizardContext:
    """Who is filling in the form: what fields such as uploads need besides the answer."""

    page: Any
    resident: Any
    owner_token_hash: str
    field_key: str = ""
    # Where the logged-in resident lives now (BRP), for an address that must be a new one.
    current_address: dict | None = None


@lru_cache(maxsize=16)
def _label_suffix(language: str | None) -> str:
    return gettext(":")


class AccessibleFormMixin:
    """Error texts tied to their field for screen readers (classes and help: StepForm._decorate)."""

    def __init__(self, *args, **kwargs):
        # What Django's form asks the translation catalog for on every form, once per language.
        kwargs.setdefault("label_suffix", _label_suffix(get_language()))
        super().__init__(*args, **kwargs)

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                ids = [widget.attrs.get("aria-describedby", ""), f"{self[name].auto_id}-error"]
                widget.attrs["aria-describedby"] = " ".join(filter(None, ids))
                widget.attrs["aria-invalid"] = "true"


class StepForm(AccessibleFormMixin, forms.Form):
    """One step. Fields whose condition does not hold are left out: not shown, not validated,
    not stored. A condition on a question in the same step is decided when the step is posted
    (and shown or hidden while typing by forms.js)."""

    def __init__(
        self,
        *args,
        definition: FormDefinition,
        step: StepSpec,
        earlier_answers: dict[str, Any],
        context: WizardContext,
        prefill: dict[str, Any] | None = None,
        show_all: bool = False,
        **kwargs,
    ):
        self.definition, self.step = definition, step
        super().__init__(*args, **kwargs)
        prefill = prefill or {}
        self.specs = {}
        for spec in step.fields:
            if (
                not show_all
                and spec.condition
                and not spec.condition_in_step
                and not spec.condition.holds(definition, earlier_answers)
            ):
                continue
            field = spec.type.form_field(spec.config)
            spec.type.bind(field, _bound_context(context, spec.key))
            if spec.key in prefill and spec.key not in self.initial:
                self.initial[spec.key] = spec.type.to_initial(prefill[spec.key], spec.config)
                if spec.config.get("read_only"):
                    field.disabled = True
            if spec.condition_in_step:
                controller = definition.fields[spec.condition.key]
                field.show_if = (self.add_prefix(controller.key), spec.condition.value)
                field.condition_text = _("Alleen als u bij ‘%(q)s’ ‘%(v)s’ kiest.") % {
                    "q": controller.label,
                    "v": _as_shown(controller, spec.condition.value),
                }
            self.fields[spec.key] = field
            self.specs[spec.key] = spec
        self._decorate()
        self.unmet = self._unmet_in_step_conditions() if self.is_bound else set()

    def _decorate(self):
        for name, field in self.fields.items():
            widget = field.widget
            if not isinstance(widget, GROUP_WIDGETS):
                widget.attrs.setdefault(
                    "class", WIDGET_CLASSES.get(type(widget), "utrecht-textbox")
                )
            described = []
            if getattr(field, "condition_text", ""):
                # Without JavaScript the hint says when to answer: read it with the question.
                described.append(f"{self[name].auto_id}-condition")
            if field.help_text:
                described.append(f"{self[name].auto_id}-help")
            if described:
                widget.attrs["aria-describedby"] = " ".join(described)

    def shared_markup_key(self) -> tuple | None:
        """A key for the markup of this step's questions when it is the same for everyone
        who gets the step: nothing posted, prefilled or refused, and no question showing
        something of the resident's own. None otherwise. (Which questions are left out by
        a condition is in the key; all else comes from the definition.)"""
        if self.is_bound or self.initial:
            return None
        if not all(spec.type.blank_markup_shared for spec in self.specs.values()):
            return None
        return (self.prefix, tuple(self.fields), get_language())

    def _unmet_in_step_conditions(self) -> set[str]:
        """Questions of this step whose condition on another answer in it does not hold.

        They stay on the page (the resident may still change that answer) but are not
        validated and not stored.
        """
        answers, unmet = {}, set()
        for key, spec in self.specs.items():
            if not spec.condition_in_step:
                continue
            controller = self.definition.fields[spec.condition.key]
            if controller.key not in answers and controller.key in self.fields:
                answers[controller.key] = self._raw_answer(controller)
            if not spec.condition.holds(self.definition, answers):
                unmet.add(key)
        return unmet

    def full_clean(self):
        if not self.unmet:
            return super().full_clean()
        all_fields = self.fields
        self.fields = {key: field for key, field in all_fields.items() if key not in self.unmet}
        try:
            super().full_clean()
        finally:
            self.fields = all_fields

    def _raw_answer(self, spec):
        field = self.fields[spec.key]
        raw = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(spec.key))
        try:
            return spec.type.to_json(field.clean(raw), spec.config)
        except forms.ValidationError:
            return None

    def answers(self) -> list[dict]:
        """The answers of this step in the stored shape (see forms_app/README.md)."""
        return [
            {
                "key": key,
                "step": self.step.key,
                "type": spec.type.slug,
                "label": spec.label,
                "value": spec.type.to_json(self.cleaned_data.get(key), spec.config),
            }
            for key, spec in self.specs.items()
            if spec.type.has_answer and key not in self.unmet
        ]

    def answer_map(self) -> dict[str, Any]:
        return {answer["key"]: answer["value"] for answer in self.answers()}


def _as_shown(controller, expected: str) -> str:
    """The answer as the resident saw it on the question ("Ja", an option's capitals)."""
    if controller.type.slug == "yes_no":
        return expected.strip().capitalize()
    for option in (controller.config.get("options") or "").splitlines():
        if option.strip().casefold() == expected.strip().casefold():
            return option.strip()
    return expected


def _bound_context(context: WizardContext, key: str) -> WizardContext:
    return WizardContext(
        page=context.page,
        resident=context.resident,
        owner_token_hash=context.owner_token_hash,
        field_key=key,
        current_address=context.current_address,
    )


class CheckAnswersForm(forms.Form):
    """The "Controleer uw antwoorden" step. The key makes a repeated submit harmless."""

    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)
    email = forms.EmailField(
        label=_("E-mailadres voor updates"),
        required=False,
        max_length=254,
        help_text=_("Wij sturen u een bevestiging en laten weten als er iets verandert."),
        widget=forms.EmailInput(
            attrs={"autocomplete": "email", "class": "utrecht-textbox", "spellcheck": "false"}
        ),
        error_messages={
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.")
        },
    )

    def __init__(self, *args, ask_email=False, **kwargs):
        kwargs.setdefault("label_suffix", _label_suffix(get_language()))
        super().__init__(*args, **kwargs)
        if not ask_email:
            del self.fields["email"]
        else:
            self.fields["email"].widget.attrs["aria-describedby"] = "id_controleren-email-help"

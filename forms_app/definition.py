"""A form as the resident meets it: steps and fields with stable keys, and their conditions.

Read from the FormPage's StreamField (of the revision being served). Keys come from the
StreamField block ids, so reordering steps or editing labels never mixes up answers.
Conditions name an earlier question by its label, as an editor sees it; they are resolved
to that question's key here, once.
"""

from __future__ import annotations

import hashlib
import json

# Only our own pickles of a page's stream data, used as a memo key, are made here.
import pickle  # nosec B403
import threading
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from forms_app import field_types
from forms_app.field_types.base import FieldType


def field_key(block_id: str | None, position: str) -> str:
    return "v_" + (block_id or position).replace("-", "")[:12]


def step_key(block_id: str | None, position: str) -> str:
    return "s_" + (block_id or position).replace("-", "")[:12]


@dataclass(frozen=True)
class Condition:
    key: str  # the key of the question it depends on
    value: str

    def holds(self, definition: FormDefinition, answers: dict[str, Any]) -> bool:
        if self.key not in answers:
            return False
        return definition.fields[self.key].type.matches(answers[self.key], self.value)


@dataclass(frozen=True)
class FieldSpec:
    key: str
    step_key: str
    type: FieldType
    config: dict
    condition: Condition | None = None
    # The condition depends on a question in the same step (shown and hidden as you answer).
    condition_in_step: bool = False

    @property
    def label(self) -> str:
        return self.config.get("label") or ""


@dataclass
class StepSpec:
    key: str
    title: str
    intro: str
    fields: list[FieldSpec] = field(default_factory=list)
    condition: Condition | None = None

    @cached_property
    def condition_keys(self) -> frozenset[str]:
        """The earlier questions whose answers decide which of its questions are asked."""
        return frozenset(
            spec.condition.key
            for spec in self.fields
            if spec.condition is not None and not spec.condition_in_step
        )


@dataclass
class FormDefinition:
    steps: list[StepSpec]
    fields: dict[str, FieldSpec]
    problems: list[str]
    # The markup of blank steps' questions, by StepForm.shared_markup_key: kept as long as
    # the definition (one version of the form), at most SHARED_MARKUP_MAX entries.
    shared_markup: dict[tuple, str] = field(default_factory=dict, repr=False, compare=False)
    # Which version of the form this is, the same in every process (a digest of the steps'
    # stored data); empty for steps made in Python that were never stored.
    version: str = field(default="", compare=False)

    @classmethod
    def from_page(cls, page) -> FormDefinition:
        return cls.from_stream(page.steps)

    @classmethod
    def for_page(cls, page) -> FormDefinition:
        """The page's definition, shared by the requests of this process that serve the same
        steps: a page is read per request, its steps change only with a new revision.

        Keyed by the steps' stored data itself (and the language of the problems), so a
        changed form is seen at once, whichever way it changed. Callers must not change it.
        """
        stream = page.steps
        if not getattr(stream, "is_lazy", False):
            # Steps made in Python (not read from the database) have no stored data yet.
            return cls.from_stream(stream)
        key = (get_language(), pickle.dumps(list(stream.raw_data)))
        definition = _memo.get(key)
        if definition is None:
            definition = cls.from_page(page)
            definition.version = hashlib.blake2b(
                json.dumps(list(stream.raw_data), sort_keys=True, default=str).encode(),
                digest_size=16,
            ).hexdigest()
            with _memo_lock:
                if len(_memo) >= MEMO_MAX:
                    _memo.clear()
                _memo[key] = definition
        return definition

    @classmethod
    def from_stream(cls, stream) -> FormDefinition:
        steps, fields, problems = [], {}, []
        by_label: dict[str, str] = {}  # label as seen so far -> key
        for step_index, step_block in enumerate(stream, 1):
            value = step_block.value
            step = StepSpec(
                key=step_key(step_block.id, f"{step_index:012d}"),
                title=value["title"],
                intro=value.get("intro") or "",
            )
            step.condition = cls._condition(value.get("condition"), by_label, fields, problems)
            step_labels = set()
            for index, field_block in enumerate(value["fields"], 1):
                config = dict(field_block.value)
                spec_type = field_types.get(field_block.block_type)
                key = field_key(field_block.id, f"{step_index:06d}{index:06d}")
                condition = cls._condition(config.get("condition"), by_label, fields, problems)
                spec = FieldSpec(
                    key=key,
                    step_key=step.key,
                    type=spec_type,
                    config=config,
                    condition=condition,
                    condition_in_step=bool(
                        condition and fields[condition.key].step_key == step.key
                    ),
                )
                if key in fields:
                    problems.append(
                        _(
                            "Twee vragen hebben dezelfde sleutel (‘%(label)s’). "
                            "Verwijder er één en voeg hem opnieuw toe."
                        )
                        % {"label": spec.label}
                    )
                problems.extend(spec_type.config_errors(config) if spec_type.has_answer else [])
                fields[key] = spec
                step.fields.append(spec)
                if spec_type.has_answer and spec.label:
                    normalized = _normalize(spec.label)
                    by_label.setdefault(normalized, key)
                    step_labels.add(normalized)
            if step.key in {s.key for s in steps}:
                problems.append(
                    _("Twee stappen hebben dezelfde sleutel (‘%(title)s’).") % {"title": step.title}
                )
            if not step.fields:
                problems.append(_("Stap ‘%(title)s’ heeft geen vragen.") % {"title": step.title})
            steps.append(step)
        if not steps:
            problems.append(_("Het formulier heeft nog geen stappen. Voeg minstens één stap toe."))
        definition = cls(steps=steps, fields=fields, problems=problems)
        definition._check_later_references(stream)
        return definition

    @staticmethod
    def _condition(value, by_label, fields, problems) -> Condition | None:
        if not value or not (value.get("question") or "").strip():
            return None
        question, expected = value["question"].strip(), (value.get("value") or "").strip()
        key = by_label.get(_normalize(question))
        if key is None:
            # Recorded once all labels are known: missing or pointing forward.
            problems.append(("__pending__", question))
            return None
        if not expected:
            problems.append(
                _("Vul bij de voorwaarde ‘%(question)s’ ook het antwoord in.")
                % {"question": question}
            )
            return None
        return Condition(key=key, value=expected)

    def _check_later_references(self, stream) -> None:
        labels = {_normalize(spec.label) for spec in self.fields.values()}
        resolved = []
        for problem in self.problems:
            if isinstance(problem, tuple):
                question = problem[1]
                if _normalize(question) in labels:
                    problem = _(
                        "De voorwaarde ‘%(question)s’ verwijst naar een latere vraag. Een "
                        "voorwaarde kan alleen een eerdere vraag gebruiken."
                    ) % {"question": question}
                else:
                    problem = _(
                        "De voorwaarde ‘%(question)s’ verwijst naar een vraag die niet in dit "
                        "formulier staat. Neem de vraag precies over."
                    ) % {"question": question}
            resolved.append(problem)
        self.problems = resolved

    def errors(self) -> list[str]:
        return list(self.problems)

    def step(self, key: str) -> StepSpec | None:
        return next((step for step in self.steps if step.key == key), None)

    def step_visible(self, step: StepSpec, answers: dict[str, Any]) -> bool:
        """The step's condition holds and at least one of its questions can be shown."""
        if step.condition is not None and not step.condition.holds(self, answers):
            return False
        return any(
            spec.condition is None or spec.condition_in_step or spec.condition.holds(self, answers)
            for spec in step.fields
        )

    def field_visible(self, spec: FieldSpec, answers: dict[str, Any]) -> bool:
        return spec.condition is None or spec.condition.holds(self, answers)

    def title_fields(self) -> list[FieldSpec]:
        return [spec for spec in self.fields.values() if spec.config.get("in_title")]

    @cached_property
    def has_uploads(self) -> bool:
        return any(spec.type.slug == "file" for spec in self.fields.values())


# Per process: definitions by the stream data they were read from (see for_page).
_memo: dict[tuple, FormDefinition] = {}
_memo_lock = threading.Lock()
MEMO_MAX = 64
SHARED_MARKUP_MAX = 64


def _normalize(label: str) -> str:
    return " ".join(label.split()).rstrip("?:. ").casefold()

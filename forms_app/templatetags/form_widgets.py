"""Template tags and filters for the form pages' questions and widgets."""

import html

from django import template
from django.utils.safestring import SafeData, mark_safe

from forms_app.definition import SHARED_MARKUP_MAX

register = template.Library()


def _escaped(text) -> str:
    # As {{ text|stringformat:"s" }} writes it: as text, escaped unless marked safe.
    return text if isinstance(text, SafeData) else html.escape(str(text))


@register.filter
def widget_attrs(attrs: dict) -> str:
    """A widget's attributes as Django's ``django/forms/widgets/attrs.html`` writes them: in
    their order, True as a bare name, False left out. Made here because the template's loop
    costs some 20 µs per attribute, and every input on a form page has five or more."""
    if not attrs:
        return ""
    return mark_safe(  # noqa: S308 (every name and value escaped by _escaped)
        "".join(
            f" {_escaped(name)}" if value is True else f' {_escaped(name)}="{_escaped(value)}"'
            for name, value in attrs.items()
            if value is not False
        )
    )


@register.simple_tag(takes_context=True)
def step_questions(context, form):
    """The form's visible questions, each as ``includes/form_field.html`` shows it.

    A blank step looks the same to everyone who gets it (``StepForm.shared_markup_key``):
    its markup is made once per version of the form and kept with the form's definition, so
    a step shown after the previous one was sent costs no rendering of its questions."""
    # A step's form has a key when its markup can be shared; the check page's form has none.
    key = form.shared_markup_key() if hasattr(form, "shared_markup_key") else None
    kept = form.definition.shared_markup if key is not None else {}
    if key in kept:
        return kept[key]
    question = context.template.engine.get_template("includes/form_field.html")
    # Only the field itself goes in: nothing of this request can end up in the markup.
    parts = [question.render(context.new({"field": f})) for f in form.visible_fields()]
    markup = mark_safe("".join(parts))  # noqa: S308 (each part escaped by its template)
    if key is not None and len(kept) < SHARED_MARKUP_MAX:
        kept[key] = markup
    return markup

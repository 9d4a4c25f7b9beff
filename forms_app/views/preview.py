from django.template.response import TemplateResponse

from forms_app.definition import FormDefinition
from forms_app.forms import StepForm, WizardContext


def serve_preview(request, page):
    definition = FormDefinition.from_page(page)
    context = WizardContext(page=page, resident=None, owner_token_hash="preview")
    steps = []
    for step in definition.steps:
        # Every question, also conditional ones: the editor checks the whole form.
        form = StepForm(
            prefix=step.key,
            definition=definition,
            step=step,
            earlier_answers={},
            context=context,
            show_all=True,
        )
        for field in form.fields.values():
            field.disabled = True
        condition = step.condition
        steps.append(
            {
                "step": step,
                "form": form,
                "condition": (
                    {"question": definition.fields[condition.key].label, "value": condition.value}
                    if condition
                    else None
                ),
            }
        )
    return TemplateResponse(
        request,
        "forms_app/preview.html",
        {"page": page, "self": page, "steps": steps, "problems": definition.errors()},
    )

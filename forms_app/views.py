import uuid

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from formtools.wizard.views import SessionWizardView

from contacts.selectors import resident_for_user
from forms_app import services
from forms_app.fields import CheckAnswersForm, build_step_form
from forms_app.models import Submission

CHECK_STEP = "controleren"
SESSION_LAST_SUBMISSION = "forms_app_last_submission"


class FormWizardView(SessionWizardView):
    """Serves a FormPage: one step per page, then "Controleer uw antwoorden", then submit."""

    template_name = "forms_app/form_page.html"
    page = None
    resident = None

    def get_prefix(self, request, *args, **kwargs):
        return f"form-{self.page.pk}"

    def post(self, *args, **kwargs):
        # A repeated final submit arrives after the wizard was reset: answer with the first result.
        posted_key = self.request.POST.get(f"{CHECK_STEP}-idempotency_key")
        if posted_key and "wizard_goto_step" not in self.request.POST:
            try:
                key = uuid.UUID(posted_key)
            except ValueError:
                key = None
            submission = (
                Submission.objects.filter(idempotency_key=key, resident=self.resident).first()
                if key
                else None
            )
            if submission is not None:
                return self._to_confirmation(submission)
        return super().post(*args, **kwargs)

    def get_form_initial(self, step):
        initial = super().get_form_initial(step)
        if step == CHECK_STEP:
            key = self.storage.extra_data.get("idempotency_key")
            if key is None:
                key = str(uuid.uuid4())
                self.storage.extra_data = {**self.storage.extra_data, "idempotency_key": key}
            initial["idempotency_key"] = key
        elif self.resident is not None and self.resident.email:
            # Prefill from the profile: the resident only checks what we already know.
            for name, field in self.get_form_list()[step].base_fields.items():
                if isinstance(field, forms.EmailField):
                    initial.setdefault(name, self.resident.email)
        return initial

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        context["page"] = self.page
        context["self"] = self.page
        context["step_title"] = form.step_title
        context["step_intro"] = getattr(form, "step_intro", "")
        context["is_check_step"] = self.steps.current == CHECK_STEP
        context["has_errors"] = bool(form.errors)
        if context["is_check_step"]:
            context["summary"] = self._summary()
        return context

    def _summary(self):
        steps = []
        for step in self.get_form_list():
            if step == CHECK_STEP:
                continue
            form = self.get_form(step=step, data=self.storage.get_step_data(step))
            if form.is_valid():
                steps.append({"step": step, "title": form.step_title, "answers": form.answers()})
        return steps

    def done(self, form_list, form_dict=None, **kwargs):
        answers, email = [], ""
        for step, form in form_dict.items():
            if step == CHECK_STEP:
                continue
            answers.append({"step": form.step_title, "answers": form.answers()})
            email = email or form.email()
        submission = services.submit(
            page=self.page,
            answers=answers,
            idempotency_key=form_dict[CHECK_STEP].cleaned_data["idempotency_key"],
            resident=self.resident,
            email=email,
        )
        return self._to_confirmation(submission)

    def _to_confirmation(self, submission):
        self.request.session[SESSION_LAST_SUBMISSION] = submission.pk
        return redirect(self.page.url + self.page.reverse_subpage("confirmation_view"))


def build_form_list(page) -> list[tuple[str, type]]:
    steps = [(f"stap-{index}", build_step_form(step)) for index, step in enumerate(page.steps, 1)]
    return [*steps, (CHECK_STEP, CheckAnswersForm)]


def serve_form(request, page):
    resident = resident_for_user(request.user)
    if page.login_required and resident is None:
        return redirect_to_login(page.url, login_url=reverse("portal:login"))
    view = FormWizardView.as_view(form_list=build_form_list(page), page=page, resident=resident)
    return view(request)


def serve_confirmation(request, page):
    submission_id = request.session.get(SESSION_LAST_SUBMISSION)
    resident = resident_for_user(request.user)
    submission = (
        Submission.objects.filter(pk=submission_id, form_page=page, resident=resident)
        .select_related("case")
        .first()
        if submission_id
        else None
    )
    if submission is None:
        messages.info(request, _("Vul het formulier in om een aanvraag te doen."))
        return redirect(page.url)
    return TemplateResponse(
        request,
        "forms_app/confirmation.html",
        {"page": page, "self": page, "submission": submission, "case": submission.case},
    )

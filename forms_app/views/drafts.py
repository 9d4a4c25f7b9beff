"""Save and resume for anonymous residents: a single-use link by e-mail."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_ratelimit.core import is_ratelimited

from contacts.selectors import resident_for_request
from forms_app.services import drafts
from forms_app.storage import session_key
from forms_app.views.wizard import RESUME


class ResumeLinkForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Uw e-mailadres"),
        max_length=254,
        help_text=gettext_lazy("Wij sturen u een link waarmee u later verder kunt gaan."),
        widget=forms.EmailInput(
            attrs={"autocomplete": "email", "class": "utrecht-textbox", "spellcheck": "false"}
        ),
        error_messages={
            "required": gettext_lazy("Vul uw e-mailadres in."),
            "invalid": gettext_lazy(
                "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."
            ),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["aria-describedby"] = "id_email-help"


def _session_data(request, page):
    return request.session.get(session_key(page)) or {}


def request_resume_link(request, page):
    if resident_for_request(request) is not None:
        # Logged in: every step is saved already.
        messages.info(request, _("Uw antwoorden worden na elke stap bewaard in Mijn Hogeland."))
        return redirect(page.url)
    data = _session_data(request, page)
    if not any((data.get("step_data") or {}).values()):
        messages.info(request, _("U heeft nog niets ingevuld om te bewaren."))
        return redirect(page.url)
    form = ResumeLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if is_ratelimited(request, group="forms-resume", key="ip", rate="10/h", increment=True):
            form.add_error(None, _("U heeft te vaak een link gevraagd. Probeer het later."))
        else:
            drafts.resume_link_create(page=page, data=data, email=form.cleaned_data["email"])
            del request.session[session_key(page)]
            return TemplateResponse(
                request,
                "forms_app/resume_link_sent.html",
                {"page": page, "self": page, "email": form.cleaned_data["email"]},
            )
    return TemplateResponse(
        request,
        "forms_app/resume_link.html",
        {
            "page": page,
            "self": page,
            "form": form,
            "has_errors": bool(form.errors),
            "link_period": _period(settings.FORMS_RESUME_LINK_HOURS),
        },
        status=400 if form.errors else 200,
    )


def _period(hours: int) -> str:
    """'3 dagen' for 72 hours, '12 uur' for 12: as the e-mail's link lasts."""
    if hours % 24 == 0:
        days = hours // 24
        return ngettext("%(n)d dag", "%(n)d dagen", days) % {"n": days}
    return _("%(n)d uur") % {"n": hours}


def resume(request, page, token):
    draft = drafts.resume_link_use(page=page, signed=token)
    if draft is None:
        return TemplateResponse(
            request, "forms_app/resume_invalid.html", {"page": page, "self": page}, status=404
        )
    request.session[session_key(page)] = draft.data
    # The form's URL with RESUME welcomes the resident back and opens the open step.
    return redirect(f"{page.url}?{RESUME}")

import datetime as dt

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from cases.models import CaseType
from contacts.selectors import resident_for_request

# What this visit last sent (see remember_sent). A new name for a new shape: a process still
# running the code before it (a rolling deploy) does not read it.
SESSION_LAST_SUBMISSION = "forms_app_sent"


def remember_sent(request, submission) -> None:
    """Keep what the confirmation shows with this visit: showing it needs no query, and no
    one but who sent it in this session sees it."""
    case = submission.case
    request.session[SESSION_LAST_SUBMISSION] = {
        "form": submission.form_page_id,
        # Who sent it: another login in this browser does not see it.
        "resident": submission.resident_id,
        "intermediary": submission.intermediary_id,
        "reference": case.reference,
        "due_on": case.due_on.isoformat(),
        "noun": case.case_type.noun,
        "will_email": bool(case.email or (case.resident_id and case.resident.email)),
        "followable": case.resident_id is not None,
    }


def serve_confirmation(request, page):
    """What this visit just sent with this form (kept in the session when it was sent), to
    whoever sent it: the resident, or staff who filled it in for them."""
    sent = request.session.get(SESSION_LAST_SUBMISSION)
    if not isinstance(sent, dict) or sent.get("form") != page.pk or not _sent_by(request, sent):
        messages.info(request, _("Vul het formulier in om een aanvraag te doen."))
        return redirect(page.url)
    return TemplateResponse(
        request,
        "forms_app/confirmation.html",
        {
            "page": page,
            "self": page,
            "reference": sent["reference"],
            "due_on": dt.date.fromisoformat(sent["due_on"]),
            "noun": CaseType(noun=sent["noun"]).noun_label,
            "will_email": sent["will_email"],
            "followable": sent["followable"],
        },
    )


def _sent_by(request, sent) -> bool:
    if request.user.is_authenticated and sent["intermediary"] == request.user.pk:
        return True
    resident = resident_for_request(request)
    return sent["resident"] == (resident.pk if resident is not None else None)

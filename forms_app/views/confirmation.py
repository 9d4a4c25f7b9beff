import contextlib

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from contacts.selectors import resident_for_request
from forms_app.models import Submission
from forms_app.views.wizard import SESSION_LAST_SUBMISSION


def serve_confirmation(request, page):
    submission_id = request.session.get(SESSION_LAST_SUBMISSION)
    resident = resident_for_request(request)
    mine = Q(resident=resident) if resident else Q(resident__isnull=True)
    # Staff who just filled this in for a resident see the confirmation to read it out.
    mine |= Q(intermediary=request.user) if request.user.is_authenticated else Q()
    submission = None
    if submission_id:
        # get(), not first(): one row by its key needs no ORDER BY by the model's ordering
        # (building that into the query is a good part of this view's CPU).
        with contextlib.suppress(Submission.DoesNotExist):
            submission = Submission.objects.select_related("case__case_type", "case__resident").get(
                mine, pk=submission_id, form_page=page
            )
    if submission is None:
        messages.info(request, _("Vul het formulier in om een aanvraag te doen."))
        return redirect(page.url)
    case = submission.case
    return TemplateResponse(
        request,
        "forms_app/confirmation.html",
        {
            "page": page,
            "self": page,
            "submission": submission,
            "case": case,
            "noun": case.case_type.noun_label,
            "will_email": bool(case.email or (case.resident_id and case.resident.email)),
        },
    )

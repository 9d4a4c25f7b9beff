"""Following a request sent without logging in, by the signed link from the e-mail."""

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from cases.follow import case_for_follow_token
from cases.models import CaseEvent
from cases.services import message_from_resident
from portal.forms import ReplyForm


def follow(request, token):
    case = case_for_follow_token(token)
    if case is None:
        return TemplateResponse(request, "portal/follow_invalid.html", {}, status=404)
    form = ReplyForm()
    if request.method == "POST":
        form = ReplyForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                message_from_resident(
                    resident=None,
                    case=case,
                    subject=_("Reactie op %(reference)s") % {"reference": case.reference},
                    body=form.cleaned_data["body"],
                    attachments=form.cleaned_data["attachments"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                flash.success(request, _("Uw bericht is verstuurd."))
                return redirect("follow", token=token)
    response = TemplateResponse(
        request,
        "portal/follow.html",
        {
            "case": case,
            "events": CaseEvent.objects.filter(case=case, visible_to_resident=True)
            .exclude(kind="note")
            .select_related("status"),
            "case_messages": case.messages.all(),
            "form": form,
            "has_errors": bool(form.errors),
        },
        status=400 if form.errors else 200,
    )
    # A personal page: never in a shared cache, its address (the token) never sent to another
    # site as a referrer. "same-origin", not "no-referrer": under that a browser posts the
    # reply form with "Origin: null", which the CSRF check refuses.
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    return response

"""Mijn Hogeland: the overview and the resident's requests."""

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Case, CaseEvent, Message
from cases.services import message_from_resident
from cases.timeline import resident_timeline
from forms_app import answers as answer_contract
from forms_app.models import Draft, Submission, Upload
from portal.decorators import resident_required
from portal.forms import ReplyForm

FILTERS = {"open": _("Lopend"), "afgerond": _("Afgerond"), "alle": _("Alle")}


def _cases(resident):
    return Case.objects.visible_to_resident(resident).select_related(
        "status", "case_type", "team", "handler", "clock"
    )


@resident_required
def overview(request):
    resident = request.resident
    open_cases = list(_cases(resident).filter(closed_at__isnull=True).order_by("due_on")[:20])
    drafts = (
        Draft.objects.visible_to_resident(resident)
        .active(timezone.now())
        .select_related("form_page")
    )
    inbox = Message.objects.visible_to_resident(resident)
    return TemplateResponse(
        request,
        "portal/overview.html",
        {
            "open_cases": open_cases,
            "closed_count": _cases(resident).filter(closed_at__isnull=False).count(),
            "drafts": drafts,
            "unread": inbox.unread_by_resident().count(),
            "latest_messages": inbox.select_related("case")[:3],
            "recent": resident_timeline(resident, limit=5),
        },
    )


@resident_required
def request_list(request):
    current = request.GET.get("toon", "open")
    if current not in FILTERS:
        current = "open"
    cases = _cases(request.resident).order_by("-opened_at")
    if current == "open":
        cases = cases.filter(closed_at__isnull=True)
    elif current == "afgerond":
        cases = cases.filter(closed_at__isnull=False)
    page = Paginator(cases, 25).get_page(request.GET.get("pagina"))
    return TemplateResponse(
        request,
        "portal/requests.html",
        {"page": page, "filters": FILTERS, "current": current},
    )


@resident_required
def case_detail(request, reference):
    # Another resident's reference gives 404, exactly like one that does not exist.
    case = get_object_or_404(_cases(request.resident), reference=reference)
    form = ReplyForm()
    if request.method == "POST":
        form = ReplyForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                message_from_resident(
                    resident=request.resident,
                    case=case,
                    subject=_("Reactie op %(reference)s") % {"reference": case.reference},
                    body=form.cleaned_data["body"],
                    attachments=form.cleaned_data["attachments"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                flash.success(
                    request, _("Uw bericht is verstuurd. Wij lezen het zo snel mogelijk.")
                )
                return redirect("portal:case-detail", reference=case.reference)
    events = CaseEvent.objects.visible_to_resident(request.resident).filter(case=case)
    submission = (
        Submission.objects.visible_to_resident(request.resident)
        .filter(case=case)
        .prefetch_related(Prefetch("uploads", queryset=Upload.objects.order_by("pk")))
        .first()
    )
    uploads = {str(u.uuid): u for u in submission.uploads.all()} if submission else {}
    return TemplateResponse(
        request,
        "portal/case_detail.html",
        {
            "case": case,
            "events": events.select_related("status"),
            "submission": submission,
            "answers": answer_contract.rows(submission.answers, uploads) if submission else [],
            "case_messages": case.messages.prefetch_related("attachments"),
            "clock": case.clock,
            "form": form,
            "has_errors": bool(form.errors),
        },
        status=400 if form.errors else 200,
    )

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone

from cases.models import Case
from forms_app.models import Draft
from portal.decorators import resident_required


@resident_required
def overview(request):
    cases = (
        Case.objects.visible_to_resident(request.resident)
        .select_related("status", "case_type")
        .order_by("-opened_at")
    )
    drafts = (
        Draft.objects.visible_to_resident(request.resident)
        .active(timezone.now())
        .select_related("form_page")
    )
    return TemplateResponse(request, "portal/overview.html", {"cases": cases, "drafts": drafts})


@resident_required
def case_detail(request, reference):
    # Another resident's reference gives 404, exactly like one that does not exist.
    case = get_object_or_404(
        Case.objects.visible_to_resident(request.resident).select_related("status", "case_type"),
        reference=reference,
    )
    events = case.events.filter(visible_to_resident=True).select_related("status")
    return TemplateResponse(request, "portal/case_detail.html", {"case": case, "events": events})

from django.template.response import TemplateResponse

from cases.timeline import resident_timeline
from portal.decorators import resident_required


@resident_required
def history(request):
    """Every contact with the municipality, on every channel, as one timeline."""
    return TemplateResponse(
        request, "portal/contact_history.html", {"items": resident_timeline(request.resident)}
    )

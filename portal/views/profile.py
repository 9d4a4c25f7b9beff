from django.template.response import TemplateResponse

from portal.decorators import resident_required


@resident_required
def my_data(request):
    """What we know about the resident, and who at the municipality looked at it."""
    resident = request.resident
    return TemplateResponse(
        request,
        "portal/my_data.html",
        {"resident": resident, "access_log": resident.access_log.all()[:100]},
    )

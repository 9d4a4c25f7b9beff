"""Forms the resident started but did not send: go on, or delete them."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from forms_app.models import Draft
from forms_app.services.drafts import draft_delete
from portal.decorators import resident_required


@resident_required
@require_http_methods(["GET", "POST"])
def delete(request, uuid):
    # Another resident's draft gives 404, exactly like one that does not exist.
    draft = get_object_or_404(
        Draft.objects.visible_to_resident(request.resident).select_related("form_page"), uuid=uuid
    )
    if request.method == "POST":
        title = draft.form_page.title
        draft_delete(draft=draft)
        messages.success(request, _("Uw concept ‘%(title)s’ is verwijderd.") % {"title": title})
        return redirect("portal:overview")
    return TemplateResponse(request, "portal/draft_delete.html", {"draft": draft})

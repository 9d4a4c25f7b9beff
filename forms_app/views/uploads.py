"""Downloading a resident's upload: for the resident who sent it and the team handling it.

Anyone else gets a 404, never a 403: whether a file exists is itself not for them to know.
"""

from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from contacts.selectors import resident_for_request
from contacts.services import access_log_record
from forms_app.models import Upload
from forms_app.uploads import name_for_type


@require_safe
def download(request, uuid):
    resident = resident_for_request(request)
    upload = Upload.objects.visible_to_resident(resident).filter(uuid=uuid).first()
    if upload is None:
        upload = (
            Upload.objects.visible_to_staff(request.user)
            .select_related("submission__case", "resident")
            .filter(uuid=uuid)
            .first()
        )
        if upload is None:
            raise Http404
        _log_staff_access(request, upload)
    try:
        fileobj = upload.file.storage.open(upload.file.name, "rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        fileobj,
        as_attachment=True,
        # Named for its type also if it was stored under another name.
        filename=name_for_type(upload.original_name, upload.content_type),
        content_type=upload.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _log_staff_access(request, upload):
    # The resident can read in their portal who opened their files.
    if not upload.resident_id:
        return
    what = _("Bijlage ‘%(name)s’ bij aanvraag %(reference)s") % {
        "name": upload.original_name[:100],
        "reference": upload.submission.case.reference,
    }
    access_log_record(
        resident=upload.resident,
        user=request.user,
        what=what,
        reason=_("Behandeling van de aanvraag"),
        concerning=upload,
    )

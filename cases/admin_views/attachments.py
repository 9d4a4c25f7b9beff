"""Staff open a file a resident sent with a message: the handling team only, logged.

Anyone else gets a 404: whether a file exists is itself not for them to know.
"""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cases.admin_views.access import may_act_on_cases
from cases.models import MessageAttachment
from contacts.services import access_log_record


@require_GET
def message_attachment(request, uuid):
    # As the case page: only who may act on the team's cases sees its messages.
    if not may_act_on_cases(request.user):
        raise Http404
    attachment = get_object_or_404(
        MessageAttachment.objects.visible_to_staff(request.user).select_related(
            "message__case", "message__resident"
        ),
        uuid=uuid,
    )
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    _log(request.user, attachment)
    response = FileResponse(
        handle,
        as_attachment=True,
        # Stored under a name with the extension of its content's type (the portal's
        # AttachmentsField), so a PDF is never downloaded as .html.
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _log(user, attachment) -> None:
    # The resident reads in Mijn Hogeland who opened their files.
    message = attachment.message
    if message.resident_id is None:
        return
    what = _("Bijlage ‘%(name)s’ bij bericht ‘%(subject)s’") % {
        "name": attachment.original_name[:100],
        "subject": message.subject[:100],
    }
    access_log_record(
        resident=message.resident,
        user=user,
        what=what,
        reason=_("Behandeling van de aanvraag"),
        concerning=message.case or message,
    )

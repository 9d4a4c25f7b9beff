"""Mijn berichten: the resident's inbox, like MijnOverheid's Berichtenbox."""

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cases.models import Message, MessageAttachment
from cases.services import message_from_resident, message_mark_read
from forms_app.uploads import name_for_type
from portal.decorators import resident_required
from portal.forms import ReplyForm


@resident_required
def inbox(request):
    messages = Message.objects.visible_to_resident(request.resident).select_related("case")
    page = Paginator(messages, 25).get_page(request.GET.get("pagina"))
    return TemplateResponse(request, "portal/inbox.html", {"page": page})


@resident_required
def message_detail(request, pk):
    message = get_object_or_404(
        Message.objects.visible_to_resident(request.resident).select_related("case"), pk=pk
    )
    form = ReplyForm()
    if request.method == "POST":
        form = ReplyForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                message_from_resident(
                    resident=request.resident,
                    case=message.case,
                    reply_to=message,
                    subject=_("Re: %(subject)s") % {"subject": message.subject},
                    body=form.cleaned_data["body"],
                    attachments=form.cleaned_data["attachments"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                flash.success(request, _("Uw antwoord is verstuurd."))
                return redirect("portal:inbox")
    else:
        message = message_mark_read(message=message, resident=request.resident)
    return TemplateResponse(
        request,
        "portal/message_detail.html",
        {
            "message": message,
            "attachments": message.attachments.all(),
            "form": form,
            "has_errors": bool(form.errors),
        },
        status=400 if form.errors else 200,
    )


@resident_required
@require_GET
def attachment(request, uuid):
    attachment = get_object_or_404(
        MessageAttachment.objects.filter(
            message__in=Message.objects.visible_to_resident(request.resident)
        ),
        uuid=uuid,
    )
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        # Named for its type also if it was stored under another name.
        filename=name_for_type(attachment.original_name, attachment.content_type),
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response

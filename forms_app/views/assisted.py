"""The admin screen where staff choose the resident and channel before filling in a form."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from contacts.crypto import bsn_hash, is_valid_bsn
from contacts.models import Resident
from contacts.services import access_log_record, resident_get_or_create_by_bsn
from forms_app import assisted
from forms_app.models import FormPage


class AssistForm(forms.Form):
    bsn = forms.CharField(
        label=gettext_lazy("Burgerservicenummer van de inwoner"),
        max_length=11,
        help_text=gettext_lazy("Controleer eerst de identiteit (legitimatie of vragen)."),
        error_messages={"required": gettext_lazy("Vul het burgerservicenummer in.")},
    )
    channel = forms.ChoiceField(
        label=gettext_lazy("Hoe helpt u de inwoner?"),
        choices=[(c.value, c.label) for c in assisted.CHANNELS],
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Kies telefoon of balie.")},
    )

    def clean_bsn(self):
        value = "".join(ch for ch in self.cleaned_data["bsn"] if ch.isdigit()).zfill(9)
        if not is_valid_bsn(value):
            raise forms.ValidationError(_("Dit is geen geldig burgerservicenummer."))
        return value


def assist_start(request, page_id):
    if not assisted.may_assist(request.user):
        raise PermissionDenied
    page = get_object_or_404(FormPage.objects.live(), pk=page_id)
    form = AssistForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        bsn = form.cleaned_data["bsn"]
        resident = Resident.objects.filter(bsn_hash=bsn_hash(bsn)).first()
        if resident is None:
            resident = resident_get_or_create_by_bsn(bsn=bsn)
        access_log_record(
            resident=resident,
            user=request.user,
            what=_("Formulier ‘%(form)s’") % {"form": page.title},
            reason=_("Formulier ingevuld namens de inwoner (%(channel)s)")
            % {"channel": dict(form.fields["channel"].choices)[form.cleaned_data["channel"]]},
        )
        assisted.start(request, page=page, resident=resident, channel=form.cleaned_data["channel"])
        messages.info(request, _("U vult dit formulier in namens de inwoner."))
        return redirect(page.url + "?opnieuw")
    return TemplateResponse(
        request,
        "forms_app/admin/assist_start.html",
        {"page": page, "form": form},
        status=400 if form.errors else 200,
    )


def assist_index(request):
    """The forms staff can fill in for a resident."""
    if not assisted.may_assist(request.user):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "forms_app/admin/assist_index.html",
        {"pages": FormPage.objects.live().order_by("title")},
    )

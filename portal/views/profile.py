"""Mijn gegevens: what we know, changing contact details, a copy of everything, who looked."""

from django import forms
from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cases.models import CaseType
from cases.services import case_open_by_resident
from contacts.branches import acts_for_the_whole_party
from contacts.brp import BRPUnavailable, get_brp_adapter
from contacts.constants import Channel
from contacts.models import AccessLogEntry
from contacts.phones import dutch_phone
from contacts.services import (
    resident_confirm_email,
    resident_remove_email,
    resident_request_email_change,
    resident_update_preferences,
)
from portal.decorators import resident_required, whole_party_required
from portal.export import as_json, as_readable, resident_data

AVG_CASE_TYPE = "avg-verzoek"
CONTACT_CHANNELS = [
    (value, label)
    for value, label in Channel.choices
    if value in (Channel.EMAIL, Channel.PHONE, Channel.POST)
]


class PreferencesForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("E-mailadres"),
        max_length=254,
        required=False,
        help_text=gettext_lazy("Een nieuw adres gebruiken wij pas als u het bevestigt."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": gettext_lazy("Vul een geldig e-mailadres in.")},
    )
    phone = forms.CharField(
        label=gettext_lazy("Telefoonnummer"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    preferred_channel = forms.ChoiceField(
        label=gettext_lazy("Hoe wilt u antwoord?"),
        choices=CONTACT_CHANNELS,
        widget=forms.RadioSelect,
    )
    notify_status = forms.BooleanField(
        label=gettext_lazy("E-mail als de status van een aanvraag verandert"), required=False
    )
    notify_messages = forms.BooleanField(
        label=gettext_lazy("E-mail als er een nieuw bericht is"), required=False
    )
    notify_reminders = forms.BooleanField(
        label=gettext_lazy("Herinneringen, bijvoorbeeld voor een formulier dat nog open staat"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs["class"] = "utrecht-checkbox utrecht-checkbox--html-input"
            elif not isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs["class"] = "utrecht-textbox"
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}-help"

    def clean_phone(self):
        return dutch_phone(self.cleaned_data["phone"])

    def clean(self):
        data = super().clean()
        channel = data.get("preferred_channel")
        if channel == Channel.EMAIL and "email" in data and not data["email"]:
            self.add_error(
                "email",
                _(
                    "Vul een e-mailadres in als u antwoord per e-mail wilt. Of kies hieronder "
                    "een andere manier."
                ),
            )
        if channel == Channel.PHONE and "phone" in data and not data["phone"].strip():
            self.add_error(
                "phone",
                _(
                    "Vul een telefoonnummer in als u antwoord per telefoon wilt. Of kies "
                    "hieronder een andere manier."
                ),
            )
        return data


class ErasureForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Wat wilt u?"),
        choices=[
            ("correctie", gettext_lazy("Gegevens laten verbeteren")),
            ("verwijdering", gettext_lazy("Gegevens laten verwijderen")),
            ("inzage", gettext_lazy("Weten wat de gemeente nog meer van mij verwerkt")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Kies wat u wilt.")},
    )
    explanation = forms.CharField(
        label=gettext_lazy("Om welke gegevens gaat het?"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4, "class": "utrecht-textarea"}),
        error_messages={"required": gettext_lazy("Schrijf om welke gegevens het gaat.")},
    )


def _context(request, form=None, erasure_form=None):
    resident = request.resident
    bsn_person = None
    from contacts.constants import SESSION_BSN_TOKEN
    from contacts.crypto import bsn_decrypt

    bsn = bsn_decrypt(request.session.get(SESSION_BSN_TOKEN, ""))
    brp_unavailable = False
    if bsn:
        try:
            bsn_person = get_brp_adapter().person(bsn)
        except BRPUnavailable:
            brp_unavailable = True
    return {
        "resident": resident,
        "brp": bsn_person,
        "brp_unavailable": brp_unavailable,
        "form": form
        or PreferencesForm(
            initial={
                "email": resident.email,
                "phone": resident.phone,
                "preferred_channel": resident.preferred_channel,
                "notify_status": resident.notify_status,
                "notify_messages": resident.notify_messages,
                "notify_reminders": resident.notify_reminders,
            }
        ),
        "erasure_form": erasure_form or ErasureForm(),
        "access_log": AccessLogEntry.objects.visible_to_resident(resident)[:200],
        "avg_available": CaseType.objects.filter(slug=AVG_CASE_TYPE).exists(),
        # A business's login for one branch reads the business's details, changes none.
        "may_change": acts_for_the_whole_party(resident),
    }


@resident_required
@whole_party_required
def my_data(request):
    """What we know about the resident, and who at the municipality looked at it."""
    form = None
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            resident_update_preferences(
                resident=request.resident,
                phone=data["phone"],
                preferred_channel=data["preferred_channel"],
                notify_status=data["notify_status"],
                notify_messages=data["notify_messages"],
                notify_reminders=data["notify_reminders"],
            )
            if not data["email"] and request.resident.email:
                resident_remove_email(resident=request.resident)
                flash.info(request, _("Uw e-mailadres is verwijderd."))
            elif not data["email"] and request.resident.pending_email:
                # Only an address waiting for confirmation: it lapses, with its link.
                resident_remove_email(resident=request.resident)
                flash.info(
                    request,
                    _(
                        "Het nieuwe e-mailadres is niet bewaard. De link in de e-mail werkt niet "
                        "meer."
                    ),
                )
            elif data["email"] and data["email"].lower() != request.resident.email.lower():
                resident_request_email_change(resident=request.resident, email=data["email"])
                flash.info(
                    request,
                    _(
                        "Wij hebben een link gestuurd naar %(email)s. Klik daarop om het adres "
                        "te bevestigen."
                    )
                    % {"email": data["email"]},
                )
            flash.success(request, _("Uw gegevens zijn opgeslagen."))
            return redirect("portal:my-data")
    context = _context(request, form=form)
    context["has_errors"] = bool(form and form.errors)
    return TemplateResponse(
        request, "portal/my_data.html", context, status=400 if context["has_errors"] else 200
    )


@resident_required
def confirm_email(request, token):
    try:
        resident_confirm_email(resident=request.resident, token=token)
    except ValidationError as error:
        flash.error(request, error.messages[0])
    else:
        flash.success(request, _("Uw nieuwe e-mailadres is bevestigd."))
    return redirect("portal:my-data")


@resident_required
def download(request, fmt):
    if fmt not in ("json", "html"):
        raise Http404
    data = resident_data(request.resident)
    stamp = timezone.localdate().isoformat()
    if fmt == "json":
        response = HttpResponse(
            as_json(data),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="mijn-gegevens-{stamp}.json"'
        return response
    return TemplateResponse(request, "portal/my_data_export.html", {"data": as_readable(data)})


@resident_required
@require_POST
@whole_party_required
def erasure_request(request):
    form = ErasureForm(request.POST)
    case_type = CaseType.objects.filter(slug=AVG_CASE_TYPE).first()
    if case_type is None:
        form.add_error(None, _("Dit kan nu niet online. Bel ons op 0595 44 77 77."))
    if not form.is_valid():
        context = _context(request, erasure_form=form)
        context["has_errors"] = True
        return TemplateResponse(request, "portal/my_data.html", context, status=400)
    kind = dict(form.fields["kind"].choices)[form.cleaned_data["kind"]]
    case = case_open_by_resident(
        case_type=case_type,
        title=f"AVG-verzoek: {kind}",
        resident=request.resident,
        text=form.cleaned_data["explanation"],
    )
    flash.success(
        request,
        _("Uw verzoek is ontvangen onder kenmerk %(reference)s.") % {"reference": case.reference},
    )
    return redirect("portal:case-detail", reference=case.reference)

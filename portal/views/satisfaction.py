"""One short question after a case closes, answered by a signed link (no login needed)."""

import datetime as dt

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from cases.models import Case
from cases.services import satisfaction_record

LINK_DAYS = 60


class SatisfactionForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Hoe tevreden bent u?"),
        choices=[
            ("1", _("1 - Zeer ontevreden")),
            ("2", _("2 - Ontevreden")),
            ("3", _("3 - Neutraal")),
            ("4", _("4 - Tevreden")),
            ("5", _("5 - Zeer tevreden")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een cijfer van 1 tot 5.")},
    )
    comment = forms.CharField(
        label=_("Wilt u iets toelichten?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "class": "utrecht-textarea"}),
    )


def satisfaction(request, token):
    try:
        case_id = signing.loads(
            token, salt="cases.satisfaction", max_age=dt.timedelta(days=LINK_DAYS)
        )
    except signing.BadSignature:
        return _invalid(request)
    case = Case.objects.filter(pk=case_id).first()
    if case is None:
        return _invalid(request)
    if case.closed_at is None:
        # Reopened since the question was sent: asked again when it closes again.
        return _invalid(request, reopened=True, reference=case.reference)
    form = SatisfactionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            satisfaction_record(
                case=case,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return TemplateResponse(request, "portal/satisfaction_thanks.html", {})
    return TemplateResponse(
        request,
        "portal/satisfaction.html",
        {"form": form, "reference": case.reference, "has_errors": bool(form.errors)},
        status=400 if form.errors else 200,
    )


def _invalid(request, **context):
    return TemplateResponse(request, "portal/satisfaction_invalid.html", context, status=404)

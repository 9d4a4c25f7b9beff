from django import forms
from django.utils.translation import gettext_lazy as _

from cases.models import StatusType


class ChangeStatusForm(forms.Form):
    status = forms.ModelChoiceField(
        queryset=StatusType.objects.none(),
        label=_("Nieuwe status"),
        empty_label=None,
        error_messages={"invalid_choice": _("Kies een status die bij deze aanvraag hoort.")},
    )
    message = forms.CharField(
        label=_("Bericht aan de inwoner"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("De inwoner ziet dit bericht in Mijn Hogeland en krijgt een e-mail."),
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].queryset = case.case_type.statuses.all()
        self.fields["status"].initial = case.status_id

"""The small forms on the staff screen of a case: one per action, each feeding one service."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from cases.models import StatusType
from contacts.models import Team
from contacts.norms import work_calendar

TEXT_LIMIT = 5000


def _required(message):
    return {"required": message}


def _textarea(rows=4):
    return forms.Textarea(attrs={"rows": rows})


class CaseActionForm(forms.Form):
    """Knows its case, so it can offer only the choices that fit it."""

    # Messages reach a resident through Mijn Hogeland, or through the follow link of a
    # request sent with only an e-mail address; without either there is no one to write to.
    needs_recipient = False

    def __init__(self, *args, case, **kwargs):
        self.case = case
        super().__init__(*args, **kwargs)

    @property
    def has_field_errors(self) -> bool:
        return any(name in self.fields for name in self.errors)

    def focus_first_error(self) -> None:
        """After a refused post the page opens on the field to fix (or on the error itself)."""
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["autofocus"] = True
                return

    def clean(self):
        if self.needs_recipient and not (self.case.resident_id or self.case.email):
            raise forms.ValidationError(
                _("Er is geen inwoner of e-mailadres om dit bericht aan te sturen.")
            )
        return super().clean()


class TakeForm(CaseActionForm):
    pass


class ChangeStatusForm(CaseActionForm):
    status = forms.ModelChoiceField(
        queryset=StatusType.objects.none(),
        label=_("Nieuwe status"),
        empty_label=None,
        error_messages={
            "invalid_choice": _("Kies een status die bij deze aanvraag hoort."),
            "required": _("Kies een status."),
        },
    )
    message = forms.CharField(
        label=_("Bericht aan de inwoner"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=_textarea(),
        help_text=_("De inwoner leest dit bij de nieuwe status in Mijn Hogeland."),
    )
    notify = forms.BooleanField(
        label=_("Inwoner informeren"),
        required=False,
        initial=True,
        help_text=_("De inwoner krijgt een e-mail over de nieuwe status."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Closing goes with a result, through its own form.
        self.fields["status"].queryset = self.case.case_type.statuses.filter(is_final=False)
        self.fields["status"].initial = self.case.status_id


class RequestInformationForm(CaseActionForm):
    needs_recipient = True

    subject = forms.CharField(
        label=_("Onderwerp"),
        max_length=200,
        initial=_("Wij hebben meer informatie nodig"),
        error_messages=_required(_("Vul een onderwerp in.")),
    )
    body = forms.CharField(
        label=_("Wat heeft u nodig van de inwoner?"),
        max_length=TEXT_LIMIT,
        widget=_textarea(),
        error_messages=_required(_("Schrijf wat u van de inwoner nodig heeft.")),
        help_text=_("De klok staat stil tot de inwoner reageert."),
    )


class _TeamChoiceForm(CaseActionForm):
    team = forms.ModelChoiceField(
        queryset=Team.objects.none(),
        label=_("Team"),
        empty_label=_("Kies een team"),
        error_messages={
            "invalid_choice": _("Kies een team uit de lijst."),
            "required": _("Kies een team."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.exclude(pk=self.case.team_id)


class ForwardForm(_TeamChoiceForm):
    note = forms.CharField(
        label=_("Toelichting voor het andere team"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=_textarea(3),
        help_text=_("Een interne notitie: de inwoner ziet deze niet."),
    )


class SubtaskForm(_TeamChoiceForm):
    description = forms.CharField(
        label=_("Wat moet het andere team doen?"),
        max_length=2000,
        widget=_textarea(3),
        error_messages=_required(_("Beschrijf wat het andere team moet doen.")),
    )


class NoteForm(CaseActionForm):
    text = forms.CharField(
        label=_("Interne notitie"),
        max_length=TEXT_LIMIT,
        widget=_textarea(),
        error_messages=_required(_("Schrijf een notitie.")),
        help_text=_("Alleen collega's lezen dit, de inwoner nooit."),
    )

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Schrijf een notitie."))
        return text


class MessageForm(CaseActionForm):
    needs_recipient = True

    subject = forms.CharField(
        label=_("Onderwerp"), max_length=200, error_messages=_required(_("Vul een onderwerp in."))
    )
    body = forms.CharField(
        label=_("Bericht"),
        max_length=TEXT_LIMIT,
        widget=_textarea(),
        error_messages=_required(_("Schrijf het bericht.")),
        help_text=_("Het bericht staat in Mijn Hogeland; de e-mail zegt alleen dat er een is."),
    )


class RescheduleForm(CaseActionForm):
    due_on = forms.DateField(
        label=_("Nieuwe datum"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Vul een nieuwe datum in."),
            "invalid": _("Vul een datum in, bijvoorbeeld 15-06-2026."),
        },
    )
    reason = forms.CharField(
        label=_("Reden voor de inwoner"),
        max_length=300,
        widget=_textarea(2),
        error_messages=_required(_("Geef een reden voor de nieuwe datum.")),
        help_text=_("De inwoner krijgt de nieuwe datum en deze reden per e-mail."),
    )

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on <= timezone.localdate():
            raise forms.ValidationError(_("Kies een datum na vandaag."))
        if not work_calendar().is_working_day(due_on):
            raise forms.ValidationError(
                _("Op %(date)s is de gemeente gesloten. Kies een werkdag.")
                % {"date": date_format(due_on, "j F Y")}
            )
        return due_on


class CloseForm(CaseActionForm):
    result = forms.CharField(
        label=_("Resultaat"),
        max_length=300,
        error_messages=_required(_("Vul het resultaat in.")),
        help_text=_("Bijvoorbeeld: Vergunning verleend. De inwoner leest dit resultaat."),
    )
    message = forms.CharField(
        label=_("Toelichting voor de inwoner"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=_textarea(3),
    )

    def clean_result(self):
        result = self.cleaned_data["result"].strip()
        if not result:
            raise forms.ValidationError(_("Vul het resultaat in."))
        return result


class SubtaskCompleteForm(CaseActionForm):
    outcome = forms.CharField(
        label=_("Wat heeft uw team gedaan?"),
        max_length=2000,
        widget=_textarea(2),
        error_messages=_required(_("Vul in wat er is gedaan.")),
    )

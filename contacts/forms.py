"""Forms of the staff back office: finding a resident, registering a contact, tasks.

Plain server-side forms that work without JavaScript. Every error message says what to do, in
Dutch, and is tied to its field (``aria-describedby``) so a screen reader reads it.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from contacts.constants import (
    REGISTRATION_CHANNELS,
    REGISTRATION_SUMMARY_MAX_LENGTH,
    Outcome,
)
from contacts.crypto import is_valid_bsn
from contacts.models import Team
from contacts.phones import dutch_phone
from contacts.resident_query import INVALID_BSN, looks_like_bsn, parse_resident_query
from contacts.selectors import teams_of

OUTCOME_LABELS = {
    Outcome.ANSWERED: _("Direct beantwoord"),
    Outcome.CALLBACK: _("Terugbellen (taak voor het team)"),
    Outcome.FORWARDED: _("Doorzetten naar vakteam (taak voor het team)"),
}


class DescribedErrorsMixin:
    """Point each invalid field at its error text and help text, for screen readers."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            bound = self[name]
            described = [f"{bound.auto_id}_error"]
            if bound.help_text:
                described.append(f"{bound.auto_id}_helptext")
            self.fields[name].widget.attrs["aria-describedby"] = " ".join(described)


class ResidentSearchForm(DescribedErrorsMixin, forms.Form):
    zoek = forms.CharField(
        label=_("Zoek de inwoner"),
        help_text=_(
            "Naam, naam met geboortedatum (de Vries 12-03-1985), postcode met huisnummer "
            "(9951 AA 12), e-mailadres, telefoonnummer of burgerservicenummer (BSN)."
        ),
        max_length=200,
        error_messages={
            "required": _("Vul een naam, postcode, e-mailadres, telefoonnummer of BSN in."),
            "max_length": _("Zoek met hoogstens %(limit_value)d tekens."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_zoek(self):
        self.query = parse_resident_query(self.cleaned_data["zoek"])
        return " ".join(self.cleaned_data["zoek"].split())


class NewResidentForm(DescribedErrorsMixin, forms.Form):
    name = forms.CharField(
        label=_("Naam"),
        max_length=200,
        error_messages={"required": _("Vul de naam van de inwoner in.")},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    email = forms.EmailField(
        label=_("E-mailadres (niet verplicht)"),
        required=False,
        error_messages={"invalid": _("Vul een e-mailadres in zoals naam@voorbeeld.nl.")},
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    phone = forms.CharField(
        label=_("Telefoonnummer (niet verplicht)"),
        required=False,
        max_length=20,
        error_messages={"max_length": _("Een telefoonnummer heeft hoogstens 20 tekens.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
    )
    bsn = forms.CharField(
        label=_("Burgerservicenummer (niet verplicht)"),
        help_text=_("Wij bewaren het BSN niet, alleen een onleesbare sleutel om te zoeken."),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )

    def clean_phone(self):
        return dutch_phone(self.cleaned_data["phone"])

    def clean_bsn(self):
        bsn = self.cleaned_data["bsn"].strip()
        if bsn and not (looks_like_bsn(bsn) and is_valid_bsn(bsn)):
            raise forms.ValidationError(INVALID_BSN)
        return bsn


class ContactRegistrationForm(DescribedErrorsMixin, forms.Form):
    """Channel, topic, summary and outcome; in the order the employee fills them."""

    channel = forms.ChoiceField(
        label=_("Kanaal"),
        choices=[(channel.value, channel.label) for channel in REGISTRATION_CHANNELS],
        initial=REGISTRATION_CHANNELS[0],
        error_messages={"required": _("Kies het kanaal."), "invalid_choice": _("Kies het kanaal.")},
        # The first field after choosing a resident; a trained user starts typing here.
        widget=forms.Select(attrs={"autofocus": True}),
    )
    team = forms.ModelChoiceField(
        label=_("Team"),
        help_text=_("Bij welk team hoort de vraag? Een taak gaat naar dit team."),
        queryset=Team.objects.all(),
        empty_label=_("Kies een team"),
        error_messages={
            "required": _("Kies het team waar de vraag bij hoort."),
            "invalid_choice": _("Kies een team uit de lijst."),
        },
    )
    topic = forms.CharField(
        label=_("Onderwerp"),
        max_length=200,
        error_messages={
            "required": _("Vul het onderwerp in, bijvoorbeeld ‘Afvalpas kwijt’."),
            "max_length": _("Het onderwerp is te lang: maximaal %(limit_value)d tekens."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    summary = forms.CharField(
        label=_("Samenvatting"),
        help_text=_("Wat vroeg de inwoner en wat heeft u gezegd? Maximaal %(limit)d tekens.")
        % {"limit": REGISTRATION_SUMMARY_MAX_LENGTH},
        max_length=REGISTRATION_SUMMARY_MAX_LENGTH,
        error_messages={
            "required": _("Vul in wat de inwoner vroeg."),
            "max_length": _(
                "De samenvatting is te lang: maximaal %(limit_value)d tekens, "
                "u heeft er %(show_value)d. Maak hem korter."
            ),
        },
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    outcome = forms.ChoiceField(
        label=_("Afhandeling"),
        widget=forms.RadioSelect,
        initial=Outcome.ANSWERED,
        error_messages={
            "required": _("Kies hoe het contact is afgehandeld."),
            "invalid_choice": _("Kies hoe het contact is afgehandeld."),
        },
    )
    callback_phone = forms.CharField(
        label=_("Terugbelnummer (alleen bij ‘Terugbellen’)"),
        help_text=_("Leeg: het nummer dat wij van de inwoner hebben."),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
    )
    request_choice = forms.ChoiceField(
        label=_("Soort aanvraag"),
        required=False,
        error_messages={"invalid_choice": _("Kies een soort aanvraag uit de lijst.")},
    )

    def __init__(self, *args, user, handlers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.handlers = {handler.outcome: handler for handler in handlers}
        # No maxlength in the browser: it silently cuts off pasted text. Too long gets an
        # error that says by how much instead.
        self.fields["summary"].widget.attrs.pop("maxlength", None)
        own_team = teams_of(user).first()
        if own_team is not None:
            self.fields["team"].initial = own_team.pk
        self.fields["outcome"].choices = [
            *((value, label) for value, label in OUTCOME_LABELS.items()),
            *((handler.outcome, handler.label) for handler in self.handlers.values()),
        ]
        if self.handlers:
            # One list for the outcome that needs it (today only "Aanvraag starten").
            handler = next(iter(self.handlers.values()))
            self.fields["request_choice"].label = _("%(label)s (alleen bij ‘%(outcome)s’)") % {
                "label": handler.choice_label,
                "outcome": handler.label,
            }
            self.fields["request_choice"].choices = [("", _("Kies…")), *handler.choices()]
        else:
            del self.fields["request_choice"]

    def clean_callback_phone(self):
        return dutch_phone(self.cleaned_data["callback_phone"])

    def clean(self):
        cleaned = super().clean()
        handler = self.handlers.get(cleaned.get("outcome"))
        if handler is not None and not cleaned.get("request_choice"):
            self.add_error(
                "request_choice",
                _("Kies bij ‘%(outcome)s’ ook het %(choice)s.")
                % {"outcome": handler.label, "choice": str(handler.choice_label).lower()},
            )
        return cleaned

    @property
    def handler(self):
        return self.handlers.get(self.cleaned_data.get("outcome"))


def _colleague_label(user) -> str:
    teams = sorted(str(group.team) for group in user.groups.all() if hasattr(group, "team"))
    return f"{user.get_full_name() or user.get_username()} ({', '.join(teams)})"


class TaskHandOverForm(DescribedErrorsMixin, forms.Form):
    to = forms.ModelChoiceField(
        label=_("Aan een collega (niet verplicht)"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("Niemand: terug naar het team"),
        error_messages={"invalid_choice": _("Kies een collega uit de lijst.")},
    )
    team = forms.ModelChoiceField(
        label=_("Aan een ander team (niet verplicht)"),
        queryset=Team.objects.none(),
        required=False,
        empty_label=_("Hetzelfde team"),
        error_messages={"invalid_choice": _("Kies een team uit de lijst.")},
    )

    def __init__(self, *args, task, **kwargs):
        super().__init__(*args, **kwargs)
        self.task = task
        users = get_user_model().objects.filter(is_active=True, is_staff=True)
        self.fields["to"].queryset = (
            users.filter(groups__team__isnull=False)
            .distinct()
            .order_by("first_name", "username")
            .prefetch_related("groups__team")
        )
        # With their teams: a colleague of another team needs that team chosen below too.
        self.fields["to"].label_from_instance = _colleague_label
        self.fields["team"].queryset = Team.objects.exclude(pk=task.team_id)

    def clean(self):
        cleaned = super().clean()
        to, team = cleaned.get("to"), cleaned.get("team")
        if self.errors:
            return cleaned
        if to is None and team is None:
            if self.task.assignee_id is None:
                raise forms.ValidationError(_("Kies een collega of een ander team."))
            return cleaned  # back to the team queue
        target = team or self.task.team
        if to is not None and not to.groups.filter(pk=target.group_id).exists():
            self.add_error(
                "to",
                _("%(name)s zit niet in team %(team)s.")
                % {
                    "name": to.get_full_name() or to.get_username(),
                    "team": target,
                },
            )
        return cleaned


class TaskCompleteForm(DescribedErrorsMixin, forms.Form):
    outcome = forms.CharField(
        label=_("Wat is er gebeurd?"),
        help_text=_("Bij terugbellen: wat u met de inwoner heeft besproken."),
        max_length=2000,
        error_messages={
            "required": _("Vul in wat er is gebeurd."),
            "max_length": _("Maximaal %(limit_value)d tekens, u heeft er %(show_value)d."),
        },
        widget=forms.Textarea(attrs={"rows": 3}),
    )

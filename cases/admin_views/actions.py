"""What staff can do with a case. Each action is a small form that feeds one service; the
page posts each form to its own URL and comes back to the case (post/redirect/get)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cases import forms, services
from cases.tasks import message_notice_recipient, status_email_recipient


@dataclass(frozen=True)
class CaseAction:
    name: str
    title: str
    button: str
    form_class: type[forms.CaseActionForm]
    # (case, user, cleaned data) -> the success message; raises ValidationError to refuse.
    perform: Callable[..., str]
    while_open: bool = True


def _take(case, user, data):
    services.case_take(case=case, by=user)
    return _("U behandelt nu aanvraag %(reference)s.") % {"reference": case.reference}


def _change_status(case, user, data):
    services.case_change_status(
        case=case,
        status=data["status"],
        message=data["message"],
        notify=data["notify"],
        by=user,
    )
    text = _("Status van %(reference)s is nu ‘%(status)s’.") % {
        "reference": case.reference,
        "status": data["status"],
    }
    if data["notify"] and status_email_recipient(case):
        text += " " + _("De inwoner krijgt een e-mail.")
    elif data["notify"]:
        text += " " + _(
            "De inwoner krijgt geen e-mail: er is geen e-mailadres, of de inwoner wil geen "
            "e-mail over de status."
        )
    return text


def _request_information(case, user, data):
    services.case_request_information(
        case=case, subject=data["subject"], body=data["body"], by=user
    )
    return _("%(where)s De klok staat stil tot de inwoner reageert.") % {
        "where": _where_the_message_is(case)
    }


def _forward(case, user, data):
    services.case_forward(case=case, team=data["team"], note=data["note"], by=user)
    return _("Aanvraag %(reference)s is doorgezet naar team %(team)s.") % {
        "reference": case.reference,
        "team": data["team"],
    }


def _open_subtask(case, user, data):
    services.case_open_subtask(
        case=case, team=data["team"], description=data["description"], by=user
    )
    return _("Team %(team)s heeft een taak voor deze aanvraag.") % {"team": data["team"]}


def _add_note(case, user, data):
    services.case_add_note(case=case, text=data["text"], by=user)
    return _("De notitie staat op de tijdlijn.")


def _message(case, user, data):
    services.message_to_resident(
        resident=case.resident, case=case, subject=data["subject"], body=data["body"], by=user
    )
    return _where_the_message_is(case)


def _where_the_message_is(case) -> str:
    if case.resident_id is None:
        where = _("Het bericht staat op de volgpagina van de aanvraag.")
    else:
        where = _("Het bericht staat in Mijn Hogeland van de inwoner.")
    if message_notice_recipient(resident=case.resident, case=case):
        return where + " " + _("De inwoner krijgt een e-mail dat er een bericht is.")
    return (
        where
        + " "
        + _(
            "De inwoner krijgt daarover geen e-mail (geen e-mailadres, of uitgezet). Bel of "
            "schrijf de inwoner als het antwoord nodig is."
        )
    )


def _reschedule(case, user, data):
    case = services.case_reschedule(
        case=case, due_on=data["due_on"], reason=data["reason"], by=user
    )
    return _("De nieuwe datum is %(date)s. De inwoner krijgt bericht.") % {
        "date": date_format(case.due_on, "j F Y")
    }


def _close(case, user, data):
    services.case_close(case=case, result=data["result"], message=data["message"], by=user)
    return _("Aanvraag %(reference)s is afgerond.") % {"reference": case.reference}


def _action(name, title, button, form_class, perform, *, while_open=True) -> CaseAction:
    return CaseAction(
        name=name,
        title=title,
        button=button,
        form_class=form_class,
        perform=perform,
        while_open=while_open,
    )


# In the order the page shows them; "while_open" actions are hidden once a case is closed.
ACTIONS = {
    action.name: action
    for action in [
        _action("take", "Behandelaar", "Ik behandel deze aanvraag", forms.TakeForm, _take),
        _action(
            "status",
            "Status wijzigen",
            "Status opslaan",
            forms.ChangeStatusForm,
            _change_status,
            while_open=False,
        ),
        _action(
            "information",
            "Meer informatie vragen",
            "Vraag versturen",
            forms.RequestInformationForm,
            _request_information,
        ),
        _action(
            "message",
            "Bericht aan de inwoner",
            "Bericht versturen",
            forms.MessageForm,
            _message,
            while_open=False,
        ),
        _action(
            "note",
            "Interne notitie",
            "Notitie opslaan",
            forms.NoteForm,
            _add_note,
            while_open=False,
        ),
        _action(
            "reschedule",
            "Nieuwe datum afspreken",
            "Nieuwe datum opslaan",
            forms.RescheduleForm,
            _reschedule,
        ),
        _action("forward", "Doorzetten naar ander team", "Doorzetten", forms.ForwardForm, _forward),
        _action(
            "subtask", "Taak voor ander team", "Taak aanmaken", forms.SubtaskForm, _open_subtask
        ),
        _action("close", "Afronden", "Aanvraag afronden", forms.CloseForm, _close),
    ]
}

"""The registration screen: find the resident, then channel, topic, summary and outcome.

Two server-rendered steps on one address, /admin/contact/nieuw/, so a trained employee works
with the keyboard alone: type a name (with a date of birth), a postcode and house number, an
e-mail address, phone number or BSN and press Enter; with one match the form opens with the
resident's open requests and recent contacts beside it, the cursor on the first field.
Searches by name and date of birth or by address ask the BRP (contacts.brp); a person found
there who is not yet a resident is chosen by a token (person_choice) and becomes a resident
when the contact is saved. The BSN travels only in POST bodies (never in a URL or a log) and
is matched by its keyed hash.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters

from contacts.backoffice.base import BackOfficeView
from contacts.backoffice.brp_trace import brp_search_record
from contacts.backoffice.extensions import outcome_handlers, render_resident_panels
from contacts.backoffice.person_choice import person_from_token, person_token
from contacts.brp import BRPUnavailable, Person
from contacts.constants import Outcome, QueryKind
from contacts.forms import ContactRegistrationForm, NewResidentForm, ResidentSearchForm
from contacts.models import Resident
from contacts.selectors import resident_find, resident_recent_contacts
from contacts.services import (
    access_log_record,
    contact_register,
    contact_register_for_person,
    resident_register,
)

ANONYMOUS = "anoniem"
PAGE_TITLE = "Contact registreren"
PERSON_FIELD = "persoon"
BRP_UNAVAILABLE = gettext_lazy(
    "De BRP geeft nu geen antwoord. Zoek op naam, e-mailadres of telefoonnummer, "
    "of probeer het over een paar minuten opnieuw."
)
CHOICE_EXPIRED = gettext_lazy("Die keuze is verlopen. Zoek de inwoner opnieuw.")


@dataclass(frozen=True)
class ChosenPerson:
    """A person from the BRP who is not yet a resident, and the token that names them."""

    person: Person
    token: str


def register_url(resident=None) -> str:
    url = reverse("contacts_admin:register")
    if resident is None:
        return url
    return f"{url}?inwoner={ANONYMOUS if resident == ANONYMOUS else resident.pk}"


def _due(moment) -> str:
    local = timezone.localtime(moment)
    # The year only when it is not this year ("maandag 11 januari 2027, 17:00").
    same_year = local.year == timezone.localdate().year
    return formats.date_format(local, "l j F, H:i" if same_year else "l j F Y, H:i")


class _RegistrationPage(BackOfficeView):
    template_name = "contacts/admin/register.html"
    page_title = PAGE_TITLE
    header_icon = "comment"

    def search_state(self, *, status=200, **context):
        search_form = context.setdefault("search_form", ResidentSearchForm())
        new_form = context.get("new_form")
        # The cursor goes where the next key press belongs: a match to pick, the new
        # resident's name when nobody matched, otherwise the search field.
        if context.get("hits"):
            context["focus_first_hit"] = True
        elif new_form is not None and not new_form.errors:
            new_form.fields["name"].widget.attrs["autofocus"] = True
        else:
            search_form.fields["zoek"].widget.attrs["autofocus"] = True
        return self.render(
            status=status, step="search", anonymous_url=register_url(ANONYMOUS), **context
        )


@method_decorator(sensitive_post_parameters(), name="dispatch")
class RegisterContactView(_RegistrationPage):
    """GET without a resident: the search. With ``?inwoner=``: the registration form."""

    def chosen(self):
        value = self.request.GET.get("inwoner", "")
        if not value:
            return None
        if value == ANONYMOUS:
            return ANONYMOUS
        if not value.isdigit():
            raise Http404
        try:
            return Resident.objects.get(pk=value)
        except Resident.DoesNotExist:
            raise Http404 from None

    def form(self, data=None):
        return ContactRegistrationForm(data, user=self.request.user, handlers=outcome_handlers())

    def get(self, request, *args, **kwargs):
        chosen = self.chosen()
        if chosen is None:
            return self.search_state()
        if chosen != ANONYMOUS:
            # One entry per look at the resident's data; typing in the form sends nothing.
            access_log_record(
                resident=chosen,
                user=request.user,
                what=_("Lopende aanvragen en recente contacten"),
                reason=_("Contact registreren"),
            )
        return self.registration_state(chosen, self.form())

    def post(self, request, *args, **kwargs):
        token = request.POST.get(PERSON_FIELD, "")
        chosen = self.chosen_person(token) if token else self.chosen()
        if chosen is None:
            if token:
                messages.error(request, CHOICE_EXPIRED)
            return redirect(register_url())
        form = self.form(request.POST)
        if form.is_valid():
            try:
                registration = self.register(form, chosen)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, self.done_message(registration))
                return redirect(register_url())
        return self.registration_state(chosen, form, status=400)

    def chosen_person(self, token):
        person = person_from_token(token, user=self.request.user)
        return ChosenPerson(person, token) if person else None

    def register(self, form, chosen):
        """Save the contact; a person from the BRP becomes a resident in the same transaction
        (``contact_register_for_person``)."""
        data = form.cleaned_data
        common = {
            "channel": data["channel"],
            "team": data["team"],
            "topic": data["topic"],
            "summary": data["summary"],
            "outcome": data["outcome"],
            "registered_by": self.request.user,
            "open_request": self.request_opener(form.handler, data.get("request_choice", "")),
            "callback_phone": data.get("callback_phone", ""),
        }
        if isinstance(chosen, ChosenPerson):
            person = chosen.person
            return contact_register_for_person(bsn=person.bsn, name=person.name, **common)
        return contact_register(resident=None if chosen == ANONYMOUS else chosen, **common)

    def request_opener(self, handler, choice):
        if handler is None:
            return None

        def open_request(contact):
            return handler.handle(contact=contact, choice=choice, by=self.request.user)

        return open_request

    def done_message(self, registration) -> str:
        contact, task = registration.contact, registration.task
        if contact.outcome == Outcome.CALLBACK:
            text = _("Contact opgeslagen. Terugbeltaak voor team %(team)s, uiterlijk %(due)s.")
        elif contact.outcome == Outcome.FORWARDED:
            text = _("Contact opgeslagen en doorgezet naar team %(team)s, uiterlijk %(due)s.")
        elif registration.request is not None:
            handled = registration.request
            if handled.url:
                return format_html(
                    '{} <a href="{}">{}</a>', handled.message, handled.url, _("Bekijken")
                )
            return handled.message
        else:
            return _("Contact opgeslagen: %(topic)s (direct beantwoord).") % {
                "topic": contact.topic
            }
        message = text % {"team": task.team, "due": _due(task.due_at)}
        url = reverse("contacts_admin:task", args=[task.pk])
        return format_html('{} <a href="{}">{}</a>', message, url, _("Naar de taak"))

    def registration_state(self, chosen, form, *, status=200):
        person = chosen if isinstance(chosen, ChosenPerson) else None
        resident = None if chosen == ANONYMOUS or person else chosen
        return self.render(
            status=status,
            step="register",
            form=form,
            resident=resident,
            person=person.person if person else None,
            person_token=person.token if person else "",
            person_field=PERSON_FIELD,
            form_action=register_url(),
            panels=render_resident_panels(resident, self.request) if resident else [],
            recent_contacts=(
                resident_recent_contacts(resident, user=self.request.user) if resident else []
            ),
            change_url=register_url(),
        )


@method_decorator(sensitive_post_parameters(), name="dispatch")
class ResidentSearchView(RegisterContactView):
    """Search (POST, so no name, address or BSN ends up in a URL): one match opens the form."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = ResidentSearchForm(request.POST)
        if not form.is_valid():
            return self.search_state(search_form=form, status=400)
        try:
            hits = resident_find(form.query)
        except BRPUnavailable:
            brp_search_record(user=request.user, query=form.query, unavailable=True)
            form.add_error("zoek", BRP_UNAVAILABLE)
            return self.search_state(search_form=form, status=503)
        brp_search_record(user=request.user, query=form.query, hits=hits)
        if len(hits) == 1:
            hit = hits[0]
            if hit.resident is not None:
                return redirect(register_url(hit.resident))
            chosen = ChosenPerson(hit.person, person_token(person=hit.person, user=request.user))
            return self.registration_state(chosen, self.form())
        return self.search_state(
            search_form=form,
            searched=True,
            hits=[self.hit_row(hit) for hit in hits],
            person_field=PERSON_FIELD,
            choose_url=reverse("contacts_admin:choose_person"),
            new_form=NewResidentForm(initial=_new_resident_initial(form.query)),
        )

    def hit_row(self, hit) -> dict:
        return {
            "name": hit.name,
            "resident": hit.resident,
            "person": hit.person,
            "url": register_url(hit.resident) if hit.resident else "",
            "token": ""
            if hit.resident
            else person_token(person=hit.person, user=self.request.user),
        }


@method_decorator(sensitive_post_parameters(), name="dispatch")
class PersonChooseView(RegisterContactView):
    """A person from the BRP chosen from the hits: the form, with the token inside it."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        chosen = self.chosen_person(request.POST.get(PERSON_FIELD, ""))
        if chosen is None:
            messages.error(request, CHOICE_EXPIRED)
            return redirect(register_url())
        return self.registration_state(chosen, self.form())


def _new_resident_initial(query) -> dict:
    """Whatever was searched for fills the matching field, so nothing is typed twice."""
    field = {
        QueryKind.BSN: "bsn",
        QueryKind.EMAIL: "email",
        QueryKind.PHONE: "phone",
        QueryKind.NAME: "name",
        QueryKind.NAME_AND_BIRTH_DATE: "name",
    }.get(query.kind)
    return {field: query.text} if field else {}


@method_decorator(sensitive_post_parameters(), name="dispatch")
class ResidentCreateView(_RegistrationPage):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = NewResidentForm(request.POST)
        if form.is_valid():
            try:
                resident = resident_register(**form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Inwoner %(name)s is opgeslagen.") % {"name": resident})
                return redirect(register_url(resident))
        return self.search_state(searched=True, hits=[], new_form=form, status=400)

"""The registration screen: find the resident, then channel, topic, summary and outcome.

Two server-rendered steps on one address, /admin/contact/nieuw/, so a trained employee works
with the keyboard alone: type a name, e-mail, phone number or BSN and press Enter; with one
match the form opens with the resident's open requests and recent contacts beside it, the
cursor on the first field. The BSN travels only in POST bodies (never in a URL or a log) and
is matched by its keyed hash.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from contacts.backoffice.base import BackOfficeView
from contacts.backoffice.extensions import outcome_handlers, render_resident_panels
from contacts.constants import Outcome
from contacts.forms import ContactRegistrationForm, NewResidentForm, ResidentSearchForm
from contacts.models import Resident
from contacts.selectors import resident_recent_contacts, resident_search
from contacts.services import access_log_record, contact_register, resident_register

ANONYMOUS = "anoniem"
PAGE_TITLE = "Contact registreren"


def register_url(resident=None) -> str:
    url = reverse("contacts_admin:register")
    if resident is None:
        return url
    return f"{url}?inwoner={ANONYMOUS if resident == ANONYMOUS else resident.pk}"


def _due(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "l j F, H:i")


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
        chosen = self.chosen()
        if chosen is None:
            return redirect(register_url())
        form = self.form(request.POST)
        if form.is_valid():
            try:
                registration = self.register(form, None if chosen == ANONYMOUS else chosen)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, self.done_message(registration))
                return redirect(register_url())
        return self.registration_state(chosen, form, status=400)

    def register(self, form, resident):
        data = form.cleaned_data
        handler = form.handler
        return contact_register(
            channel=data["channel"],
            team=data["team"],
            topic=data["topic"],
            summary=data["summary"],
            outcome=data["outcome"],
            resident=resident,
            registered_by=self.request.user,
            open_request=self.request_opener(handler, data.get("request_choice", "")),
        )

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
        resident = None if chosen == ANONYMOUS else chosen
        return self.render(
            status=status,
            step="register",
            form=form,
            resident=resident,
            panels=render_resident_panels(resident, self.request) if resident else [],
            recent_contacts=resident_recent_contacts(resident) if resident else [],
            change_url=register_url(),
        )


@method_decorator(sensitive_post_parameters(), name="dispatch")
class ResidentSearchView(_RegistrationPage):
    """Search (POST, so no name or BSN ends up in a URL): one match opens the form."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = ResidentSearchForm(request.POST)
        if not form.is_valid():
            return self.search_state(search_form=form, status=400)
        query = form.cleaned_data["zoek"]
        hits = resident_search(query)
        if len(hits) == 1:
            return redirect(register_url(hits[0]))
        return self.search_state(
            search_form=form,
            searched=True,
            hits=[(resident, register_url(resident)) for resident in hits],
            new_form=NewResidentForm(initial=_new_resident_initial(query, is_bsn=form.is_bsn)),
        )


def _new_resident_initial(query: str, *, is_bsn: bool) -> dict:
    """Whatever was searched for fills the matching field, so nothing is typed twice."""
    if is_bsn:
        return {"bsn": query}
    if "@" in query:
        return {"email": query}
    if sum(character.isdigit() for character in query) >= 6:
        return {"phone": query}
    return {"name": query}


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

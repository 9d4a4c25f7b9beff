"""The form wizard: one URL per step, answers saved after every step, then check and send.

Built on django-formtools' WizardView for its storage and step handling; the flow is our own:
every step is a GET-able URL (Back and reload work), a POST redirects to the next step, a
step cannot be reached before the earlier ones are complete, and conditions decide which
steps and questions exist.
"""

import hashlib
import json
import secrets
import uuid
from collections import OrderedDict
from functools import lru_cache

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from formtools.wizard.forms import ManagementForm
from formtools.wizard.views import WizardView
from wagtail.models import Site

from contacts.constants import SESSION_ASSURANCE_LEVEL, AssuranceLevel, Channel
from contacts.selectors import resident_for_request
from forms_app import answers as answer_contract
from forms_app import assisted
from forms_app.constants import CHECK_STEP
from forms_app.forms import CheckAnswersForm, StepForm, WizardContext
from forms_app.models import Submission
from forms_app.prefill import current_address_for, prefill_for
from forms_app.prefill.brp import home_town
from forms_app.services import stats
from forms_app.services.submissions import submit
from forms_app.views.confirmation import remember_sent
from ops import ratelimits

RETURN_TO_CHECK = "return_to_check"
# In the storage's extra data: {step key: [fingerprint, answers]} (see _checked_answers).
CHECKED = "checked"
# The run whose first step this session saw at the form's own URL.
SESSION_STARTED_HERE = "forms_app_started_here_{page}"
# The run a visit counts under until its first answer is stored (see _begin_run).
SESSION_RUN = "forms_app_run_{page}"
# A logged-in resident's upload owner token until the first answer is stored.
SESSION_OWNER = "forms_app_owner_{page}"
# "Verder invullen" (Mijn Hogeland, a resume link): continue at the open step.
RESUME = "verder"


def _as_stored(answers):
    """Answers as the storage gives them back (JSON), to compare kept with fresh ones."""
    return json.loads(json.dumps(answers, default=str))


@lru_cache(maxsize=1024)
def _subpage_path(page_class, name: str, args: tuple) -> str:
    """A step's path inside its form (the routes are the page class's, fixed in code)."""
    # What RoutablePageMixin.reverse_subpage does, without a page.
    return page_class.get_resolver().reverse(name, *args)


# The form's own URL per (page, its path in the tree, the sites' root paths, the request's
# site, the prefix the app is served under): all that ``page.get_url(request)`` depends on
# (with WAGTAIL_I18N_ENABLED off, as here). Bounded: site and path come from requests.
_form_urls: dict[tuple, str] = {}
_FORM_URLS_MAX = 1024


class FormWizardView(WizardView):
    storage_name = "forms_app.storage.DraftStorage"
    template_name = "forms_app/form_page.html"
    page = None
    definition = None
    resident = None
    # Assisted digital: the channel (phone, counter) when staff fill in for a resident.
    assisted_channel = None

    @classmethod
    def get_initkwargs(cls, *args, **kwargs):
        # The steps are read per request from the page; formtools wants a non-empty list.
        kwargs["form_list"] = [("_", StepForm)]
        return super().get_initkwargs(*args, **kwargs)

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # Step key -> (data, answers its conditions read, form): see _step_form.
        self._bound_forms = {}
        # One day for the whole request: every step's fingerprint names the same one.
        self._today = timezone.localdate().isoformat()

    def get_prefix(self, request, *args, **kwargs):
        return f"form-{self.page.pk}"

    # --- the plan: which steps exist, given the answers so far ------------------------
    def plan(self):
        """Visible steps in order with their valid answers; the first incomplete step."""
        if getattr(self, "_plan", None) is not None:
            return self._plan
        answers, steps, first_incomplete, changed = {}, OrderedDict(), None, False
        step_data = self.storage.data.get(self.storage.step_data_key, {})
        for step in self.definition.steps:
            if not self.definition.step_visible(step, answers):
                if step.key in step_data:
                    # A condition answered then changed: the hidden step's answers go.
                    del step_data[step.key]
                    changed = True
                continue
            steps[step.key] = step
            fingerprint = self._fingerprint(step, answers)
            kept = self._checked_answers(step, fingerprint)
            if kept is not None:
                answers.update(kept)
                continue
            data = self.storage.get_step_data(step.key)
            form = self._step_form(step, answers, data=data) if data is not None else None
            if form is not None and form.is_valid():
                self._keep_checked(step, fingerprint, form.answer_map())
                answers.update(form.answer_map())
            elif first_incomplete is None:
                first_incomplete = step.key
        if changed:
            checked = self.storage.extra_data.get(CHECKED, {})
            self._set_checked({key: kept for key, kept in checked.items() if key in step_data})
            self.storage.data = self.storage.data
        self._plan = {
            "steps": steps,
            "answers": answers,
            "first_incomplete": first_incomplete or CHECK_STEP,
        }
        return self._plan

    # --- answers checked before --------------------------------------------------------
    # Every request plans, and planning validates every stored step again. A step's answers
    # as they were when its stored data last validated are kept with that data, under a
    # fingerprint of what the validation read: the data, the answers its conditions read, the
    # prefilled values, the resident's current address (a new address must differ from it),
    # the version of the form and the day (dates such as "not in the future" depend on it).
    # Planning takes them while the fingerprint still matches. Sending plans again without
    # them (_finish), so what is stored never rests on a kept copy.
    use_kept = True

    def _fingerprint(self, step, answers):
        if not self.definition.version or not self.use_kept:
            return None
        prefill = self._prefill()
        payload = [
            self.definition.version,
            self._today,
            self.storage.data.get(self.storage.step_data_key, {}).get(step.key),
            {key: answers[key] for key in sorted(step.condition_keys) if key in answers},
            {spec.key: prefill[spec.key] for spec in step.fields if spec.key in prefill},
            [self._current_address() for spec in step.fields if spec.config.get("not_current")],
        ]
        encoded = json.dumps(payload, sort_keys=True, default=str).encode()
        return hashlib.blake2b(encoded, digest_size=16).hexdigest()

    def _checked_answers(self, step, fingerprint):
        kept = self.storage.extra_data.get(CHECKED, {}).get(step.key)
        if fingerprint is None or kept is None or kept[0] != fingerprint:
            return None
        return kept[1]

    def _keep_checked(self, step, fingerprint, answer_map):
        if fingerprint is None:
            return
        checked = self.storage.extra_data.get(CHECKED, {})
        if checked.get(step.key) != [fingerprint, answer_map]:
            self._set_checked({**checked, step.key: [fingerprint, answer_map]})

    def _set_checked(self, checked):
        self.storage.extra_data = {**self.storage.extra_data, CHECKED: checked}

    def _invalidate(self):
        self._plan = None
        self._resolved_form_list = None

    def get_form_list(self):
        steps = OrderedDict((key, StepForm) for key in self.plan()["steps"])
        steps[CHECK_STEP] = CheckAnswersForm
        return steps

    def answers_before(self, step_key):
        """The valid answers of the other steps: what this step's conditions read."""
        return {
            key: value
            for key, value in self.plan()["answers"].items()
            if self.definition.fields[key].step_key != step_key
        }

    def _context(self):
        # Only uploads need the owner token before sending: without them none is stored early
        # (showing the first step then changes nothing to save).
        owner = self.owner_token_hash() if self.definition.has_uploads else ""
        return WizardContext(
            page=self.page,
            resident=self.resident,
            owner_token_hash=owner,
            current_address=self._current_address(),
        )

    def owner_token_hash(self):
        extra = self.storage.extra_data
        if "owner_token_hash" not in extra:
            # A logged-in resident's draft is stored with the first answer: until then the
            # visit's session keeps the token, so files added on a first step that came back
            # with an error stay theirs (see _adopt_run).
            kept = SESSION_OWNER.format(page=self.page.pk)
            value = self.request.session.get(kept) if self.resident is not None else None
            if value is None:
                value = hashlib.sha256(secrets.token_hex(16).encode()).hexdigest()
                if self.resident is not None:
                    self.request.session[kept] = value
            self.storage.extra_data = {**extra, "owner_token_hash": value}
        return self.storage.extra_data["owner_token_hash"]

    def _step_form(self, step, answers, data=None, files=None):
        """The step's form; bound to the same data without files, the same form again in
        this request (a POST plans twice and sending validates every step once more)."""
        if data is not None and not files:
            read = {key: answers[key] for key in step.condition_keys if key in answers}
            seen = self._bound_forms.get(step.key)
            if seen is not None and seen[0] == data and seen[1] == read:
                return seen[2]
        form = StepForm(
            data=data,
            files=files,
            prefix=step.key,
            initial={},
            definition=self.definition,
            step=step,
            earlier_answers=answers,
            context=self._context(),
            # Bound forms only use it for read-only (disabled) prefilled fields.
            prefill=self._prefill(),
        )
        if data is not None and not files:
            self._bound_forms[step.key] = (data, read, form)
        return form

    def _prefill(self):
        if self.resident is None:
            return {}
        if not hasattr(self, "_prefill_cache"):
            self._prefill_cache = prefill_for(
                definition=self.definition, resident=self.resident, session=self.request.session
            )
        return self._prefill_cache

    def _current_address(self):
        if self.resident is None:
            return None
        if not hasattr(self, "_current_address_cache"):
            self._current_address_cache = current_address_for(
                definition=self.definition, resident=self.resident, session=self.request.session
            )
        return self._current_address_cache

    def get_form(self, step=None, data=None, files=None):
        step = step or self.steps.current
        if step == CHECK_STEP:
            return CheckAnswersForm(
                data=data,
                prefix=CHECK_STEP,
                initial={"idempotency_key": self._idempotency_key()},
                ask_email=self._ask_email(),
            )
        spec = self.definition.step(step)
        if spec is None:
            raise Http404
        return self._step_form(spec, self.answers_before(step), data=data, files=files)

    def _idempotency_key(self):
        key = self.storage.extra_data.get("idempotency_key")
        if key is None:
            key = str(uuid.uuid4())
            self.storage.extra_data = {**self.storage.extra_data, "idempotency_key": key}
        return key

    def _ask_email(self):
        """Ask an anonymous resident for an address for updates, unless the form asked it."""
        if self.resident is not None or not self.page.allow_anonymous_email:
            return False
        asked = {
            spec.key
            for step in self.plan()["steps"].values()
            for spec in step.fields
            if spec.type.slug == "email"
        }
        return not asked

    def page_url(self):
        """The form's own URL, worked out once per process for its place in the tree and the
        sites (see _form_urls)."""
        if getattr(self, "_page_url", None) is None:
            site = Site.find_for_request(self.request)
            key = (
                self.page.pk,
                self.page.url_path,
                tuple(self.page._get_site_root_paths(self.request)),
                site.pk if site else None,
                get_script_prefix(),
            )
            url = _form_urls.get(key)
            if url is None:
                # With the request: a page under more than one site links within this one.
                url = self.page.get_url(request=self.request)
                if len(_form_urls) < _FORM_URLS_MAX:
                    _form_urls[key] = url
            self._page_url = url
        return self._page_url

    def parent_url(self):
        # A page's URL is its parent's plus its slug: no query for the parent.
        return self.page_url().removesuffix(f"{self.page.slug}/")

    def get_step_url(self, step):
        return self.page_url() + _subpage_path(type(self.page), "step_view", (step,))

    # --- requests ------------------------------------------------------------------------
    def get(self, request, *args, step=None, **kwargs):
        if "opnieuw" in request.GET and self.assisted_channel:
            # Staff helping the next resident start afresh (forms_app.views.assisted). Not for
            # a resident: a link elsewhere (a GET with the session cookie) would throw their
            # answers away; they delete a draft in Mijn Hogeland, with a confirmation.
            self.storage.reset()
            self._invalidate()
            return redirect(self.get_step_url(self.plan()["first_incomplete"]))
        if step is None:
            return self._start(request)
        redirect_to = self._guard(step)
        if redirect_to:
            return redirect_to
        if request.GET.get("terug") == CHECK_STEP:
            self.storage.extra_data = {**self.storage.extra_data, RETURN_TO_CHECK: True}
        self._move_to(step)
        self._begin_run(at_form_url=False)
        data = self.storage.get_step_data(step) if step != CHECK_STEP else None
        return self.render(self.get_form(step, data=data))

    def _start(self, request):
        """The form's own URL: a new start shows the first question at once (one request
        less), its form posting to the step's URL; stored answers continue where they were."""
        run_id = self.storage.extra_data.get("run_id")
        shown_here = SESSION_STARTED_HERE.format(page=self.page.pk)
        first_step = next(iter(self.plan()["steps"]), CHECK_STEP)
        if not self.storage.has_answers():
            # Nothing answered: the first step is the open one. This visit's history has the
            # form's URL showing it (forms.js puts the step's URL there; without JavaScript it
            # stays): see below.
            self._move_to(first_step)
            self._begin_run(at_form_url=True)
            return self.render(self.get_form(first_step), at_form_url=True)
        if (
            RESUME not in request.GET
            and run_id is not None
            and request.session.get(shown_here) == run_id
        ):
            # Back to the form's URL in the visit that started here (the browser's Back from
            # step 2 without JavaScript): the first step, as that page showed.
            return redirect(self.get_step_url(first_step))
        messages.info(
            request, _("Welkom terug. Uw antwoorden waren bewaard: u gaat verder waar u was.")
        )
        first = self._first_open_step()
        self._move_to(first)
        # At the URL of the step it continues at, so the address bar, reload and Back name it.
        return redirect(self.get_step_url(first))

    def post(self, request, *args, step=None, **kwargs):
        if step is None:
            raise Http404
        ratelimits.check(request, "form_step", key="user_or_ip")
        # Never rendered (the template writes the hidden field): no label suffix to translate.
        management_form = ManagementForm(request.POST, prefix=self.prefix, label_suffix="")
        if not management_form.is_valid():
            raise SuspiciousOperation("ManagementForm data is missing or has been tampered.")
        if step == CHECK_STEP:
            repeated = self._repeated_submit(request)
            if repeated is not None:
                return repeated
        redirect_to = self._guard(step)
        if redirect_to:
            return redirect_to
        self._move_to(step)
        form = self.get_form(step, data=request.POST, files=request.FILES)
        if request.POST.get("opslaan") and step != CHECK_STEP and self.resident is None:
            # "Opslaan en later verder gaan": what is on this page is kept too, valid or not
            # (a wrong answer is shown with its error when the resident comes back).
            form.is_valid()
            self._adopt_run()
            self.storage.set_step_data(step, self.process_step(form))
            self._invalidate()
            return redirect(
                self.page_url() + _subpage_path(type(self.page), "resume_link_view", ())
            )
        if not form.is_valid():
            return self.render(form, status=200)
        if step == CHECK_STEP:
            return self._finish(form)
        self._adopt_run()
        self.storage.set_step_data(step, self.process_step(form))
        self._invalidate()
        stats.run_step(storage=self.storage, step=step)
        following = self._next_after(step)
        # Stored with these answers: showing the next step then changes nothing to save.
        self._move_to(following)
        if following == CHECK_STEP:
            self._idempotency_key()
        return redirect(self.get_step_url(following))

    # --- counting the visit (forms_app.services.stats) -------------------------------------
    # A run starts when the form is opened. Until the first answer is stored it is kept in the
    # visit's session (a logged-in resident's draft is only stored with answers); the first
    # answer takes it into the stored answers.
    def _begin_run(self, *, at_form_url):
        if self.storage.has_answers() or self.storage.extra_data.get("run_id"):
            return
        session = self.request.session
        run_id = session.get(SESSION_RUN.format(page=self.page.pk))
        if run_id is None:
            # Once per visit: a reload or a second tab counts under the same run.
            run_id = stats.run_start(page=self.page)
            session[SESSION_RUN.format(page=self.page.pk)] = run_id
        if at_form_url:
            session[SESSION_STARTED_HERE.format(page=self.page.pk)] = run_id

    def _adopt_run(self):
        """Before an answer is stored: the answers hold the visit's run (and the upload
        owner token) from now on."""
        self.request.session.pop(SESSION_OWNER.format(page=self.page.pk), None)
        if self.storage.extra_data.get("run_id"):
            return
        run_id = self.request.session.pop(SESSION_RUN.format(page=self.page.pk), None)
        if run_id is None:
            # Opened before this session began (it ended in between): counted from now.
            run_id = stats.run_start(page=self.page)
        self.storage.extra_data = {**self.storage.extra_data, "run_id": run_id}

    def _move_to(self, step):
        """Where the resident is: the step, and its title for the drafts overview."""
        self.storage.current_step = step
        spec = self.definition.step(step)
        title = spec.title if spec else ""
        if self.storage.extra_data.get("step_title") != title:
            self.storage.extra_data = {**self.storage.extra_data, "step_title": title}

    def process_step(self, form):
        # Uploads are stored by their field when validated: keep their ids, not the files.
        # (Copied list by list: QueryDict.copy() deep-copies, some 15 times slower.)
        data = MultiValueDict({key: list(values) for key, values in form.data.lists()})
        for key, spec in form.specs.items():
            if spec.type.slug == "file":
                data.setlist(form.add_prefix(key), form.cleaned_data.get(key) or [])
        return data

    def _first_open_step(self):
        return self.plan()["first_incomplete"]

    def _guard(self, step):
        """Redirect when the step does not exist or comes after the first incomplete step."""
        plan = self.plan()
        order = [*plan["steps"], CHECK_STEP]
        if step not in order:
            return redirect(self.get_step_url(plan["first_incomplete"]))
        if order.index(step) > order.index(plan["first_incomplete"]):
            return redirect(self.get_step_url(plan["first_incomplete"]))
        return None

    def _next_after(self, step):
        """The next step, never past the first incomplete one; back to the check page after
        a "Wijzigen" once everything is complete."""
        plan = self.plan()
        incomplete = plan["first_incomplete"]
        if self.storage.extra_data.get(RETURN_TO_CHECK) and incomplete == CHECK_STEP:
            return CHECK_STEP
        order = [*plan["steps"], CHECK_STEP]
        following = order[order.index(step) + 1] if step in order else incomplete
        return following if order.index(following) <= order.index(incomplete) else incomplete

    def _repeated_submit(self, request):
        # A repeated final submit (double click, reload) arrives after the draft was cleared.
        try:
            key = uuid.UUID(request.POST.get(f"{CHECK_STEP}-idempotency_key", ""))
        except ValueError:
            return None
        if str(key) == self.storage.extra_data.get("idempotency_key"):
            # The draft's own key: not sent yet, as sending clears the draft with its key (no
            # query). A concurrent send of the same draft is caught by submit().
            return None
        submission = Submission.objects.filter(idempotency_key=key, resident=self.resident).first()
        return self._to_confirmation(submission) if submission is not None else None

    def _finish(self, check_form):
        shown = self.plan()
        # Everything validated afresh: which steps exist, what their conditions read, the
        # answers themselves (an upload cleared away, a changed address register).
        self.use_kept = False
        self._invalidate()
        plan = self.plan()
        if plan["first_incomplete"] != CHECK_STEP:
            return redirect(self.get_step_url(plan["first_incomplete"]))
        if list(plan["steps"]) != list(shown["steps"]) or _as_stored(plan["answers"]) != _as_stored(
            shown["answers"]
        ):
            # Not what the check page showed: show it again, with these answers.
            self._set_checked({})
            return redirect(self.get_step_url(CHECK_STEP))
        collected = []
        for key, step in plan["steps"].items():
            form = self._step_form(
                step, self.answers_before(key), data=self.storage.get_step_data(key)
            )
            if not form.is_valid():
                return redirect(self.get_step_url(key))
            collected.extend(form.answers())
        try:
            submission = submit(
                page=self.page,
                answers=collected,
                idempotency_key=check_form.cleaned_data["idempotency_key"],
                resident=self.resident,
                email=check_form.cleaned_data.get("email", ""),
                owner_token_hash=self.owner_token_hash(),
                run_id=self.storage.extra_data.get("run_id"),
                channel=self.assisted_channel or Channel.WEB,
                intermediary=self.request.user if self.assisted_channel else None,
                # The BRP is asked only when no address answer says where the case belongs.
                home_town=(
                    "" if answer_contract.town_in(collected) else home_town(self.request.session)
                ),
            )
        except PermissionDenied:
            raise Http404 from None
        self.storage.reset()
        return self._to_confirmation(submission)

    def _to_confirmation(self, submission):
        remember_sent(self.request, submission)
        if self.assisted_channel:
            assisted.stop(self.request)
        return redirect(self.page_url() + _subpage_path(type(self.page), "confirmation_view", ()))

    # --- rendering -----------------------------------------------------------------------
    def _back_to_check(self, current) -> bool:
        # Opened by "Wijzigen" on the check page: back goes back there, as the answer does.
        # Not while a step the change switched on is still open: the check page would send
        # the resident straight back here.
        return (
            current != CHECK_STEP
            and bool(self.storage.extra_data.get(RETURN_TO_CHECK))
            and self.plan()["first_incomplete"] == CHECK_STEP
        )

    def _previous_url(self, order, index, current):
        if self._back_to_check(current):
            return self.get_step_url(CHECK_STEP)
        return self.get_step_url(order[index - 1]) if index > 0 else self.parent_url()

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        plan = self.plan()
        order = [*plan["steps"], CHECK_STEP]
        current = self.steps.current
        index = order.index(current) if current in order else 0
        step = self.definition.step(current)
        context.update(
            page=self.page,
            self=self.page,
            step=step,
            step_title=step.title if step else _("Controleer uw antwoorden"),
            step_number=index + 1,
            step_count=len(order),
            previous_url=self._previous_url(order, index, current),
            back_to_check=self._back_to_check(current),
            # Explicit: step 1 is also shown at the form's own URL, which takes no POST.
            form_action=self.get_step_url(current),
            is_check_step=current == CHECK_STEP,
            has_errors=bool(form.errors),
            is_resident=self.resident is not None and not self.assisted_channel,
            assisting=self.resident if self.assisted_channel else None,
        )
        if current == CHECK_STEP:
            if self.storage.extra_data.get(RETURN_TO_CHECK):
                self.storage.extra_data = {**self.storage.extra_data, RETURN_TO_CHECK: False}
            prefill = self._prefill()
            context["summary"] = answer_contract.check_summary(
                self.definition,
                plan,
                change_url=self.get_step_url,
                # Prefilled and not to be changed (the name from the BRP): no "Wijzigen".
                fixed={
                    key
                    for key, spec in self.definition.fields.items()
                    if key in prefill and spec.config.get("read_only")
                },
            )
        return context

    def render(self, form=None, **kwargs):
        status = kwargs.pop("status", 200)
        response = self.render_to_response(self.get_context_data(form=form, **kwargs))
        response.status_code = status
        return response


def serve_form(request, page, step=None):
    helping = assisted.current(request, page)
    if helping is not None:
        # Staff checked the resident's identity: no DigiD here, answers in the staff session.
        resident, channel = helping
        request.form_page, request.form_resident = page, None
        view = FormWizardView.as_view(
            page=page,
            definition=page.definition,
            resident=resident,
            assisted_channel=channel,
        )
        return view(request, step=step)
    # Only a session the identity provider opened counts (never a password or staff login).
    resident = resident_for_request(request)
    if page.login_required:
        if resident is None:
            return redirect_to_login(request.get_full_path(), login_url=reverse("portal:login"))
        level = request.session.get(SESSION_ASSURANCE_LEVEL, "")
        if not AssuranceLevel.at_least(level, page.minimum_assurance):
            return TemplateResponse(
                request,
                "forms_app/assurance_too_low.html",
                {
                    "page": page,
                    "self": page,
                    "required": AssuranceLevel(page.minimum_assurance).label,
                    "current": AssuranceLevel(level).label if level else "",
                },
                status=403,
            )
    # The storage backend reads these to find the resident's draft.
    request.form_page, request.form_resident = page, resident
    view = FormWizardView.as_view(page=page, definition=page.definition, resident=resident)
    return view(request, step=step)

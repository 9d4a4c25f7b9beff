"""Where a form in progress lives: a Draft row for a logged-in resident, the session otherwise.

A logged-in resident's answers are in the database after every step, so an expired session
or a closed browser loses nothing they saved. Anonymous residents keep their answers in the
session until they ask for a resume link (forms_app.services.drafts).
"""

import pickle  # nosec B403 (only dumps, to compare; nothing is loaded)

from formtools.wizard.storage.base import BaseStorage

from forms_app.services import drafts


def session_key(page) -> str:
    """Where an anonymous resident's answers to this form live in the session."""
    return f"wizard_form-{page.pk}"


def _snapshot(data) -> bytes:
    """The stored data as bytes, to tell whether a request changed it (and it must be saved).
    Unchanged data gives the same bytes; an equal copy may not, which costs a save, never an
    answer. (A third of the cost of sorted JSON, on every request.)"""
    return pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)


class DraftStorage(BaseStorage):
    def __init__(self, prefix, request=None, file_storage=None):
        super().__init__(prefix, request, file_storage)
        self.page = request.form_page
        self.resident = request.form_resident
        if self.resident is not None:
            draft = drafts.draft_for(resident=self.resident, page=self.page)
            self.data = draft.data if draft and draft.data else None
        else:
            self.data = request.session.get(self.prefix)
        if not self.data:
            self.init_data()
        self._saved = _snapshot(self.data)

    def has_answers(self) -> bool:
        return any(self.data.get(self.step_data_key, {}).values())

    def update_response(self, response):
        super().update_response(response)
        current = _snapshot(self.data)
        if current == self._saved:
            return
        self._saved = current
        if self.resident is None:
            self.request.session[self.prefix] = self.data
            return
        if self.has_answers():
            drafts.draft_save(
                resident=self.resident,
                page=self.page,
                data=self.data,
                current_step=self.current_step or "",
                current_step_title=self.data.get("extra_data", {}).get("step_title", ""),
            )
        else:
            drafts.draft_discard(resident=self.resident, page=self.page)

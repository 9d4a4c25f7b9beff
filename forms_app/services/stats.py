"""Counting form use without personal data: a FormRun per way through a form.

A run starts when the form is opened. Until the first answer is saved nothing else is stored
for the visitor (no session, no draft): the step's form carries the run as a signed token,
and the first POST takes it into the stored answers. Opening a form so costs one INSERT.
"""

from django.core import signing
from django.utils import timezone

from forms_app.models import FormRun

_TOKEN_SALT = "forms_app.run"
# A page left open longer than this starts a new run when it is sent.
RUN_TOKEN_MAX_AGE = 24 * 60 * 60


def run_start(*, page) -> int:
    """A resident opened the form: a new run; its id."""
    return FormRun.objects.create(form_page=page, started_at=timezone.now(), last_step="").pk


def run_token(*, run_id: int, page, at_form_url: bool) -> str:
    """The run for the step's form to carry, and whether the form's own URL showed it."""
    return signing.dumps([run_id, page.pk, int(at_form_url)], salt=_TOKEN_SALT)


def run_from_token(token: str, *, page) -> tuple[int, bool] | None:
    """The run id and whether it started at the form's own URL; None for a token that is
    not ours, not for this form or too old."""
    try:
        value = signing.loads(token, salt=_TOKEN_SALT, max_age=RUN_TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    if (
        not isinstance(value, list)
        or len(value) != 3
        or not all(type(part) is int for part in value)
        or value[1] != page.pk
    ):
        return None
    return value[0], bool(value[2])


def run_step(*, storage, step: str) -> None:
    run_id = storage.extra_data.get("run_id")
    if run_id:
        # One UPDATE statement, atomic on its own: no BEGIN and COMMIT around it on every step.
        FormRun.objects.filter(pk=run_id, submitted_at__isnull=True).update(last_step=step)


def run_submitted(*, run_id) -> None:
    if run_id:
        FormRun.objects.filter(pk=run_id, submitted_at__isnull=True).update(
            submitted_at=timezone.now()
        )

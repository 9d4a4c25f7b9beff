"""Counting form use without personal data: a FormRun per way through a form (started when
the form is opened, its last completed step, when it was sent). The wizard keeps the run's
id with the visit (forms_app.views.wizard, "counting the visit")."""

from django.utils import timezone

from forms_app.models import FormRun


def run_start(*, page) -> int:
    """A resident opened the form: a new run; its id."""
    return FormRun.objects.create(form_page=page, started_at=timezone.now(), last_step="").pk


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

"""Counting form use without personal data: a FormRun per way through a form."""

from django.utils import timezone

from forms_app.models import FormRun


def run_ensure(*, page, storage) -> None:
    """Start counting when a resident opens the form; once per wizard."""
    if storage.extra_data.get("run_id"):
        return
    run = FormRun.objects.create(form_page=page, started_at=timezone.now(), last_step="")
    storage.extra_data = {**storage.extra_data, "run_id": run.pk}


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

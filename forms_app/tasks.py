"""E-mail about forms, sent after commit by the task worker. No answers ever go by e-mail."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from ops.links import site_url
from outbox.services import dedupe_digest, queue_email


@task()
def send_confirmation_email(*, submission_id: int) -> bool:
    from cases.follow import follow_token
    from cases.tasks import case_recipient
    from forms_app.models import Submission

    submission = Submission.objects.select_related("case__resident", "case__case_type").get(
        pk=submission_id
    )
    case = submission.case
    recipient = case_recipient(case)
    if not recipient:
        return False
    noun = case.case_type.noun_label
    context = {
        "submission": submission,
        "case": case,
        "noun": noun,
        "name": case.resident.name if case.resident_id else "",
        "portal_url": site_url(reverse("portal:overview")) if case.resident_id else "",
        "follow_url": (
            "" if case.resident_id else site_url(reverse("follow", args=(follow_token(case),)))
        ),
    }
    queue_email(
        to=recipient,
        subject=f"Wij hebben uw {noun} ontvangen ({case.reference})",
        body=render_to_string("forms_app/email/confirmation.txt", context),
        dedupe_key=f"forms.confirmation:{submission_id}",
    )
    return True


@task()
def send_resume_link(*, draft_id: int, signed_token: str) -> bool:
    from forms_app.models import Draft

    draft = Draft.objects.select_related("form_page").filter(pk=draft_id).first()
    if draft is None or not draft.email:
        return False
    page = draft.form_page
    url = site_url(page.url + page.reverse_subpage("resume_view", args=(signed_token,)))
    queue_email(
        to=draft.email,
        subject=f"Verder invullen: {page.title}",
        body=render_to_string(
            "forms_app/email/resume_link.txt",
            {
                "draft": draft,
                "page": page,
                "url": url,
                "hours": settings.FORMS_RESUME_LINK_HOURS,
            },
        ),
        dedupe_key=f"forms.resume:{draft_id}:{dedupe_digest(signed_token)}",
    )
    return True


@task()
def send_draft_reminder(*, draft_id: int, signed_token: str = "") -> bool:
    from forms_app.models import Draft

    draft = Draft.objects.select_related("form_page", "resident").filter(pk=draft_id).first()
    if draft is None:
        return False
    if draft.resident_id and not draft.resident.notify_reminders:
        return False
    recipient = draft.resident.email if draft.resident_id else draft.email
    if not recipient:
        return False
    page = draft.form_page
    if draft.resident_id:
        url = site_url(reverse("portal:overview"))
    else:
        url = site_url(page.url + page.reverse_subpage("resume_view", args=(signed_token,)))
    reminded = draft.reminder_sent_at.isoformat() if draft.reminder_sent_at else ""
    queue_email(
        to=recipient,
        subject=f"Uw formulier ‘{page.title}’ is nog niet verzonden",
        body=render_to_string(
            "forms_app/email/draft_reminder.txt", {"draft": draft, "page": page, "url": url}
        ),
        dedupe_key=f"forms.draft-reminder:{draft_id}:{reminded}",
    )
    return True


@task()
def run_forms_retention() -> dict:
    """Daily: answers past their retention period, expired drafts, reminders, unsent uploads."""
    from forms_app.services.retention import retention_run

    return retention_run()

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django_tasks import task


def case_recipient(case) -> str:
    """Where the resident wants answers: the address given with the request, else the profile's."""
    if case.email:
        return case.email
    return case.resident.email if case.resident_id else ""


@task()
def send_status_email(*, event_id: int) -> bool:
    from cases.models import CaseEvent

    event = CaseEvent.objects.select_related("case__resident", "status").get(pk=event_id)
    recipient = case_recipient(event.case)
    if not recipient:
        return False
    context = {"case": event.case, "event": event}
    send_mail(
        subject=f"Nieuwe status van uw aanvraag {event.case.reference}",
        message=render_to_string("cases/email/status_changed.txt", context),
        from_email=None,
        recipient_list=[recipient],
    )
    return True

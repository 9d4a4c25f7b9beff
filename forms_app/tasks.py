from django.core.mail import send_mail
from django.template.loader import render_to_string
from django_tasks import task


@task()
def send_confirmation_email(*, submission_id: int) -> bool:
    from cases.tasks import case_recipient
    from forms_app.models import Submission

    submission = Submission.objects.select_related("case__resident", "case__case_type").get(
        pk=submission_id
    )
    case = submission.case
    recipient = case_recipient(case)
    if not recipient:
        return False
    send_mail(
        subject=f"Wij hebben uw aanvraag ontvangen ({case.reference})",
        message=render_to_string(
            "forms_app/email/confirmation.txt", {"submission": submission, "case": case}
        ),
        from_email=None,
        recipient_list=[recipient],
    )
    return True

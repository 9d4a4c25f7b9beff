"""The answers and files of a submitted form, on the staff view of its case."""

from django.template.loader import render_to_string

from forms_app import answers as answer_contract
from forms_app.admin_views import user_can_export_submissions
from forms_app.models import Submission, Upload


def submission_panel(case, request) -> str:
    submission = Submission.objects.filter(case=case).select_related("form_page").first()
    if submission is None:
        return ""
    uploads = {str(upload.uuid): upload for upload in Upload.objects.filter(submission=submission)}
    return render_to_string(
        "forms_app/admin/case_answers.html",
        {
            "submission": submission,
            "rows": answer_contract.rows(submission.answers, uploads),
            "uploads": uploads,
            "can_export": submission.form_page_id is not None
            and user_can_export_submissions(request.user),
        },
        request=request,
    )

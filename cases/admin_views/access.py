"""Who may open which case in the admin, and the access log that records it.

Every case view finds its case through ``Case.objects.readable_by_staff`` (to read) or
``Case.objects.visible_to_staff`` (to act); ``Case.objects`` itself is used only to log an
attempt on a case the user may not see.
"""

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from cases.models import Case
from contacts.services import access_log_record

READ_PERMISSIONS = ("cases.view_case", "cases.change_case")
ACT_PERMISSION = "cases.change_case"


def may_read_cases(user) -> bool:
    return any(user.has_perm(permission) for permission in READ_PERMISSIONS)


def may_act_on_cases(user) -> bool:
    return user.has_perm(ACT_PERMISSION)


def forbidden(request, message: str):
    return TemplateResponse(request, "cases/admin/forbidden.html", {"message": message}, status=403)


def case_label(case) -> str:
    return _("Aanvraag %(reference)s") % {"reference": case.reference}


def log_view(case, user, *, acting: bool) -> None:
    """One entry per look at a case with a resident; the resident reads it in Mijn Hogeland."""
    if case.resident_id is None:
        return
    reason = _("Behandeling van de aanvraag") if acting else _("Inzage in status en tijdlijn")
    access_log_record(
        resident=case.resident, user=user, what=case_label(case), reason=reason, concerning=case
    )


def log_attempt(pk, user) -> None:
    case = Case.objects.filter(pk=pk, resident__isnull=False).select_related("resident").first()
    if case is not None:
        access_log_record(
            resident=case.resident,
            user=user,
            what=case_label(case),
            reason=_("Poging tot inzage zonder recht"),
            concerning=case,
        )


class CaseAccessMixin:
    """Loads ``self.case`` for the ``pk`` in the URL, or answers 404 (and logs the attempt).

    Views that change the case set ``acting = True``: a user who may read the case but not
    act on it (unit Informatie, another team with a sub-task) gets 403.
    """

    acting = True

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        pk = kwargs["pk"]
        case = None
        if may_read_cases(user):
            case = (
                Case.objects.readable_by_staff(user)
                .select_related("case_type", "status", "team", "handler", "resident", "clock")
                .filter(pk=pk)
                .first()
            )
        if case is None:
            log_attempt(pk, user)
            raise Http404
        self.case = case
        self.can_act = may_act_on_cases(user) and (
            Case.objects.visible_to_staff(user).filter(pk=pk).exists()
        )
        if self.acting and not self.can_act:
            return forbidden(request, _("U mag deze aanvraag lezen, maar niet behandelen."))
        return super().dispatch(request, *args, **kwargs)

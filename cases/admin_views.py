from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail_modeladmin.views import InstanceSpecificView

from cases import services
from cases.forms import ChangeStatusForm
from cases.models import Case
from cases.panels import render_case_panels
from contacts.services import access_log_record


class CaseProcessView(InstanceSpecificView):
    """Staff open a case, read the request and its timeline, and change its status."""

    template_name = "cases/admin/process.html"

    def dispatch(self, request, *args, **kwargs):
        # A case of another team does not exist for this user.
        if not Case.objects.visible_to_staff(request.user).filter(pk=self.instance.pk).exists():
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def check_action_permitted(self, user):
        if self.request.method == "POST":
            return self.permission_helper.user_can_edit_obj(user, self.instance)
        return user.has_perm("cases.view_case") or user.has_perm("cases.change_case")

    def get(self, request, *args, **kwargs):
        self._log_access(request)
        form = ChangeStatusForm(case=self.instance)
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = ChangeStatusForm(request.POST, case=self.instance)
        if form.is_valid():
            try:
                services.case_change_status(
                    case=self.instance,
                    status=form.cleaned_data["status"],
                    message=form.cleaned_data["message"],
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Status van %(reference)s is nu ‘%(status)s’.")
                    % {"reference": self.instance.reference, "status": form.cleaned_data["status"]},
                )
                return redirect(self.url_helper.index_url)
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def _log_access(self, request):
        if self.instance.resident_id:
            access_log_record(
                resident=self.instance.resident,
                user=request.user,
                what=_("Aanvraag %(reference)s") % {"reference": self.instance.reference},
                reason=_("Behandeling van de aanvraag"),
            )

    def get_page_title(self):
        return _("Aanvraag behandelen")

    def get_context_data(self, **kwargs):
        case = self.instance
        return super().get_context_data(
            case=case,
            panels=render_case_panels(case, self.request),
            events=case.events.select_related("status", "created_by"),
            **kwargs,
        )

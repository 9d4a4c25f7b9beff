from django import forms
from django.core.exceptions import PermissionDenied
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from contacts.backoffice.access import user_is_contact_staff


def error_summary(*forms_: forms.BaseForm) -> list[tuple[str, str]]:
    """(anchor, message) for every error of the bound forms, in the order of their fields."""
    errors = []
    for form in forms_:
        if not form.is_bound:
            continue
        errors += [("", message) for message in form.non_field_errors()]
        for field in form:
            errors += [(field.id_for_label, message) for message in field.errors]
    return errors


class BackOfficeView(WagtailAdminTemplateMixin, TemplateView):
    """A Wagtail admin page for staff of a team; editors without a team get 403."""

    http_method_names = ["get", "post"]

    def dispatch(self, request, *args, **kwargs):
        if not user_is_contact_staff(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def render(self, status=200, **context):
        bound = [value for value in context.values() if isinstance(value, forms.BaseForm)]
        context["errors"] = error_summary(*bound)
        return self.render_to_response(self.get_context_data(**context), status=status)

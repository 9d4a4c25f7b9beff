from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.utils import ErrorList
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.blocks import StreamBlockValidationError
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from cases.models import CaseType
from contacts.constants import AssuranceLevel
from forms_app.blocks import StepBlock

RICH_TEXT = ["bold", "link", "ul", "ol"]


class FormPageAdminForm(WagtailAdminPageForm):
    def _post_clean(self):
        self.instance._steps_invalid = self.has_error("steps")
        super()._post_clean()


class FormPage(RoutablePageMixin, Page):
    """A form residents fill in step by step; submitting it opens a case."""

    intro = RichTextField(_("inleiding"), blank=True, features=RICH_TEXT)
    case_type = models.ForeignKey(
        CaseType,
        on_delete=models.PROTECT,
        related_name="form_pages",
        verbose_name=_("soort aanvraag"),
        help_text=_("Bepaalt welk team de aanvraag behandelt en binnen welke termijn."),
    )
    login_required = models.BooleanField(_("inloggen met DigiD nodig"), default=True)
    minimum_assurance = models.CharField(
        _("minimaal betrouwbaarheidsniveau"),
        max_length=20,
        choices=[c for c in AssuranceLevel.choices if c[0]],
        default=AssuranceLevel.BASIS,
        help_text=_("Alleen bij inloggen met DigiD. Midden: met de DigiD-app of sms-controle."),
    )
    allow_anonymous_email = models.BooleanField(
        _("inwoners zonder DigiD kunnen een e-mailadres achterlaten voor updates"), default=True
    )
    steps = StreamField([("step", StepBlock())], verbose_name=_("stappen"), blank=True)
    confirmation_text = RichTextField(_("tekst na verzenden"), blank=True, features=RICH_TEXT)
    next_steps = RichTextField(
        _("wat gebeurt er nu?"),
        blank=True,
        features=RICH_TEXT,
        help_text=_("Staat op de bevestigingspagina, onder het kenmerk en de antwoorddatum."),
    )
    retention_days = models.PositiveIntegerField(
        _("bewaartermijn (dagen na afhandeling)"),
        default=365,
        help_text=_(
            "Zo lang na het afronden van de aanvraag bewaren we de antwoorden en bijlagen. "
            "Het kenmerk, het soort aanvraag en de data blijven bewaard."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("case_type"),
        MultiFieldPanel(
            [
                FieldPanel("login_required"),
                FieldPanel("minimum_assurance"),
                FieldPanel("allow_anonymous_email"),
            ],
            heading=_("Inloggen"),
        ),
        FieldPanel("steps"),
        FieldPanel("confirmation_text"),
        FieldPanel("next_steps"),
        FieldPanel("retention_days"),
    ]

    base_form_class = FormPageAdminForm
    # Every first step shows the case type's noun: kept with the page the site routes to for a
    # publish generation (a saved case type starts a new one), not a query per request.
    route_select_related = ["case_type"]
    parent_page_types = ["cms.HomePage", "cms.ServicePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("formulier")
        verbose_name_plural = _("formulieren")

    @cached_property
    def definition(self):
        from forms_app.definition import FormDefinition

        return FormDefinition.for_page(self)

    def clean(self):
        super().clean()
        if getattr(self, "_steps_invalid", False):
            # The editor's blocks did not validate: those errors come first.
            return
        from forms_app.definition import FormDefinition

        errors = FormDefinition.from_page(self).errors()
        if errors:
            # All problems at once, above the steps (Wagtail shows one error per field else).
            raise ValidationError(
                {"steps": StreamBlockValidationError(non_block_errors=ErrorList(errors))}
            )

    def serve_preview(self, request, mode_name):
        """Editors preview every step at once, read-only: no login, nothing stored."""
        from forms_app.views.preview import serve_preview

        return serve_preview(request, self)

    @property
    def meta_description(self) -> str:
        # base.html asks every page for it (a missing attribute costs the template a dir()).
        return self.search_description or ""

    def get_view_restrictions(self):
        # Every step request checks them: the site (cms) answers from what it read once per
        # publish, instead of two queries per request.
        for restrictions_for in hooks.get_hooks("view_restrictions_for_page"):
            return restrictions_for(self)
        return super().get_view_restrictions()

    def draft_days(self) -> int:
        return settings.FORMS_DRAFT_DAYS

    @path("")
    def start_view(self, request):
        from forms_app.views import serve_form

        return serve_form(request, self, step=None)

    @path("stap/<str:step>/")
    def step_view(self, request, step):
        from forms_app.views import serve_form

        return serve_form(request, self, step=step)

    @path("bevestiging/")
    def confirmation_view(self, request):
        from forms_app.views import serve_confirmation

        return serve_confirmation(request, self)

    @path("verder-invullen/")
    def resume_link_view(self, request):
        from forms_app.views.drafts import request_resume_link

        return request_resume_link(request, self)

    @path("hervatten/<str:token>/")
    def resume_view(self, request, token):
        from forms_app.views.drafts import resume

        return resume(request, self, token)

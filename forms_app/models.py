import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from cases.models import Case, CaseType
from contacts.models import Resident
from forms_app.blocks import StepBlock


class FormPage(RoutablePageMixin, Page):
    """A form residents fill in step by step; submitting it opens a case."""

    intro = RichTextField(_("inleiding"), blank=True, features=["bold", "link", "ul", "ol"])
    case_type = models.ForeignKey(
        CaseType,
        on_delete=models.PROTECT,
        related_name="form_pages",
        verbose_name=_("soort aanvraag"),
        help_text=_("Bepaalt welk team de aanvraag behandelt en binnen welke termijn."),
    )
    login_required = models.BooleanField(_("inloggen met DigiD nodig"), default=True)
    steps = StreamField([("step", StepBlock())], verbose_name=_("stappen"), min_num=1)
    confirmation_text = RichTextField(
        _("tekst na verzenden"), blank=True, features=["bold", "link", "ul", "ol"]
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("case_type"),
        FieldPanel("login_required"),
        FieldPanel("steps"),
        FieldPanel("confirmation_text"),
    ]

    parent_page_types = ["cms.HomePage", "cms.ServicePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("formulier")
        verbose_name_plural = _("formulieren")

    @path("")
    def form_view(self, request):
        from forms_app.views import serve_form

        return serve_form(request, self)

    @path("bevestiging/")
    def confirmation_view(self, request):
        from forms_app.views import serve_confirmation

        return serve_confirmation(request, self)


class Submission(models.Model):
    """A submitted form: the answers with the labels as asked, and the case it opened."""

    form_page = models.ForeignKey(
        FormPage, on_delete=models.SET_NULL, null=True, related_name="submissions"
    )
    form_title = models.CharField(max_length=255)
    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="submission")
    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, null=True, blank=True, related_name="submissions"
    )
    answers = models.JSONField(default=list)
    idempotency_key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("inzending")
        verbose_name_plural = _("inzendingen")

    def __str__(self):
        return f"{self.form_title} ({self.case.reference})"

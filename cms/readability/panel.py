"""The "Leesbaarheid (B1)" panel in the page editor; it follows the editor's typing."""

from django.forms import Media
from django.urls import reverse
from wagtail.admin.panels import Panel

from cms.readability.page import EXCLUDED_FIELDS, analyse_page, jargon_list, readability_context


class ReadabilityPanel(Panel):
    """Read-only B1 hints and one verdict; a small script asks for new ones while typing."""

    def __init__(self, fields=None, exclude=EXCLUDED_FIELDS, **kwargs):
        kwargs.setdefault("heading", "Leesbaarheid (B1)")
        super().__init__(**kwargs)
        self.fields = fields
        self.exclude = exclude

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "fields": self.fields, "exclude": self.exclude}

    class BoundPanel(Panel.BoundPanel):
        template_name = "cms/admin/readability_review.html"

        @property
        def media(self):
            return Media(
                js=["cms-admin/readability.js"], css={"all": ["cms-admin/readability.css"]}
            )

        def draft_url(self) -> str:
            """Where the script posts the form: for this page, or for a new one under its parent."""
            if self.instance.pk:
                return reverse("cms_readability_page", args=[self.instance.pk])
            parent = getattr(self.form, "parent_page", None) if self.form is not None else None
            if parent is None:
                return ""
            opts = type(self.instance)._meta
            return reverse("cms_readability_new", args=[opts.app_label, opts.model_name, parent.pk])

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            report = analyse_page(
                self.instance, self.panel.fields, self.panel.exclude, jargon=jargon_list()
            )
            context.update(readability_context(report), draft_url=self.draft_url())
            return context

from django.db import models
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BodyBlock
from cms.models.locations import LocationPage
from cms.models.mixins import BasePage


class ContactPage(BasePage, Page):
    """ "Contact en openingstijden": how to reach us, and every office below it with its hours."""

    summary = models.CharField(_("samenvatting"), max_length=300, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("inhoud"), blank=True)

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
    ]
    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    settings_panels = Page.settings_panels + BasePage.ownership_panels
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.LocationPage", "cms.ContentPage"]

    class Meta:
        verbose_name = _("contact en openingstijden")

    def offices(self) -> list[LocationPage]:
        return list(
            LocationPage.objects.child_of(self)
            .live()
            .public()
            .prefetch_related("hours", "exceptions")
            .order_by("path")
        )

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # "Nu open" of every office is computed now: no cache may keep it past the next change.
        offices = [office for office, _status in response.context_data.get("offices", [])]
        if offices:
            now = timezone.now()
            seconds = min(office.seconds_until_change(now) for office in offices)
            patch_cache_control(response, max_age=seconds)
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        context.update(
            offices=[(office, office.status_at(now)) for office in self.offices()],
            today=timezone.localdate(now),
        )
        return context

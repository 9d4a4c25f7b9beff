"""Cache purges: the page cache when published content changes, the alerts snapshot on edits."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.alerts import invalidate_alerts
from cms.middleware.cache import purge_page_cache
from cms.models import Alert, AlertSection


def _content_changed() -> None:
    purge_page_cache()
    # Section paths and "Lees meer" links of alerts come from page URLs.
    invalidate_alerts()


@receiver(page_published, dispatch_uid="cms_purge_on_publish")
@receiver(page_unpublished, dispatch_uid="cms_purge_on_unpublish")
@receiver(post_page_move, dispatch_uid="cms_purge_on_move")
def purge_on_page_change(sender, **kwargs):
    _content_changed()


@receiver(post_save, dispatch_uid="cms_purge_on_live_page_created")
def purge_on_live_page_created(sender, instance, created, **kwargs):
    # Pages created live without a publish (imports, the demo seed, tests) change menus and
    # overviews as much as a publish does.
    if created and isinstance(instance, Page) and instance.live:
        _content_changed()


@receiver(post_delete, dispatch_uid="cms_purge_on_delete")
def purge_on_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        _content_changed()


@receiver(post_save, sender=Site, dispatch_uid="cms_purge_on_site_save")
@receiver(post_delete, sender=Site, dispatch_uid="cms_purge_on_site_delete")
@receiver(post_save, sender=PageViewRestriction, dispatch_uid="cms_purge_on_restriction_save")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="cms_purge_on_restriction_del")
@receiver(post_save, sender=Redirect, dispatch_uid="cms_purge_on_redirect_save")
@receiver(post_delete, sender=Redirect, dispatch_uid="cms_purge_on_redirect_delete")
def purge_on_routing_change(sender, **kwargs):
    _content_changed()


# Phone number, logo and footer links are on every page.
@receiver(post_save, sender="cms.MunicipalitySettings", dispatch_uid="cms_purge_on_settings_save")
def purge_on_settings_change(sender, created=False, **kwargs):
    # The row made with the defaults on the first request changes nothing a visitor sees.
    if not created:
        purge_page_cache()


# A service page shows the answer time of its case type ("Hoe lang duurt het?").
@receiver(post_save, sender="cases.CaseType", dispatch_uid="cms_purge_on_case_type_save")
def purge_on_case_type_change(sender, **kwargs):
    purge_page_cache()


@receiver(post_save, sender=Alert, dispatch_uid="cms_alerts_saved")
@receiver(post_delete, sender=Alert, dispatch_uid="cms_alerts_deleted")
@receiver(post_save, sender=AlertSection, dispatch_uid="cms_alert_section_saved")
@receiver(post_delete, sender=AlertSection, dispatch_uid="cms_alert_section_deleted")
def invalidate_alerts_on_change(sender, **kwargs):
    invalidate_alerts()

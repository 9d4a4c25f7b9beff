"""Cached settings read again when staff change them."""

from django.db import transaction
from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver

from contacts import norms
from contacts.models import ClosingDay, ServiceNorm


def forget_now_and_after_commit(forget) -> None:
    """Clear a cached read now, for this transaction's own reads, and again after the commit,
    for a read in another process that came between (it may have stored what was there
    before)."""
    forget()
    transaction.on_commit(forget)


@receiver(post_save, sender=ClosingDay, dispatch_uid="contacts_closing_day_saved")
@receiver(post_delete, sender=ClosingDay, dispatch_uid="contacts_closing_day_deleted")
@receiver(post_save, sender=ServiceNorm, dispatch_uid="contacts_service_norm_saved")
@receiver(post_delete, sender=ServiceNorm, dispatch_uid="contacts_service_norm_deleted")
def norm_settings_changed(sender, **kwargs):
    forget_now_and_after_commit(norms.norm_settings_changed)


@receiver(post_migrate, dispatch_uid="contacts_norm_settings_migrated")
def norm_settings_migrated(sender, app_config=None, **kwargs):
    # A data migration changes rows without these signals.
    if app_config is not None and app_config.label == "contacts":
        norms.norm_settings_changed()

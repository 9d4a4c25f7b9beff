"""Cached reads forgotten when what they read changes (cases.selectors)."""

from django.db import connections
from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver

from cases.models import CaseType, StatusType
from cases.selectors import initial_status_changed
from contacts.models import Team
from contacts.signals import forget_now_and_after_commit


def _forget(case_type_ids) -> None:
    ids = list(case_type_ids)
    forget_now_and_after_commit(lambda: initial_status_changed(ids))


@receiver(post_save, sender=StatusType, dispatch_uid="cases_status_type_saved")
@receiver(post_delete, sender=StatusType, dispatch_uid="cases_status_type_deleted")
def status_type_changed(sender, instance, **kwargs):
    _forget([instance.case_type_id])


@receiver(post_save, sender=CaseType, dispatch_uid="cases_case_type_saved")
@receiver(post_delete, sender=CaseType, dispatch_uid="cases_case_type_deleted")
def case_type_changed(sender, instance, **kwargs):
    _forget([instance.pk])


@receiver(post_save, sender=Team, dispatch_uid="cases_team_saved")
@receiver(post_delete, sender=Team, dispatch_uid="cases_team_deleted")
def team_changed(sender, instance, **kwargs):
    _forget(CaseType.objects.filter(team=instance.pk).values_list("pk", flat=True))


@receiver(post_migrate, dispatch_uid="cases_initial_status_migrated")
def initial_status_migrated(sender, app_config=None, using="default", **kwargs):
    # A data migration changes rows without these signals.
    if app_config is None or app_config.label != "cases":
        return
    # Every migrate ends with this, also one that unapplied this app's tables.
    if CaseType._meta.db_table not in connections[using].introspection.table_names():
        return
    initial_status_changed(CaseType.objects.using(using).values_list("pk", flat=True))

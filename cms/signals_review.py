"""Publishing a page counts as checking it (see cms.review)."""

from django.dispatch import receiver
from wagtail.signals import page_published

from cms.models.mixins import ContentOwnershipMixin
from cms.review import review_on_publish


@receiver(page_published, dispatch_uid="cms.review_on_publish")
def mark_reviewed_on_publish(sender, instance, revision=None, **kwargs):
    if isinstance(instance, ContentOwnershipMixin):
        review_on_publish(instance, revision=revision)

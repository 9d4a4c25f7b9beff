"""A synonym an editor saves or deletes counts from the next search on (cms.search_vocabulary)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from cms.models import SearchSynonym
from cms.search_vocabulary import synonyms_changed


@receiver(post_save, sender=SearchSynonym, dispatch_uid="cms_search_synonym_saved")
@receiver(post_delete, sender=SearchSynonym, dispatch_uid="cms_search_synonym_deleted")
def forget_synonyms(sender, **kwargs):
    synonyms_changed()

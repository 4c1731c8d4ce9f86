from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import page_cache
from .models import Article, Section


@receiver([post_save, post_delete], sender=Article)
def article_changed(sender, instance: Article, **kwargs) -> None:
    page_cache.invalidate(instance.slug)


@receiver([post_save, post_delete], sender=Section)
def section_changed(sender, instance: Section, **kwargs) -> None:
    # Every page shows the sections in its navigation.
    page_cache.invalidate_site()

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import moderation
from .models import BannedWord


@receiver([post_save, post_delete], sender=BannedWord)
def banned_word_changed(sender, **kwargs) -> None:
    moderation.word_lists_changed()


@receiver([post_save, post_delete], sender=get_user_model())
def user_changed(sender, update_fields=None, **kwargs) -> None:
    # Staff members' names are reserved; signing in changes no name.
    if update_fields is None or set(update_fields) != {"last_login"}:
        moderation.word_lists_changed()

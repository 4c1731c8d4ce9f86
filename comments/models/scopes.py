"""Moderators who cover some sections: their queue opens on those sections,
and, when limited, shows and decides nothing else (as Coral lets a large
newsroom split its desk)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models import Section


class ModeratorScope(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="moderator_scope",
        verbose_name=_("moderator"),
    )
    sections = models.ManyToManyField(
        Section, related_name="+", verbose_name=_("sections covered")
    )
    limited = models.BooleanField(
        _("limited to these sections"),
        default=False,
        help_text=_(
            "Off: the workspace opens on these sections, and the moderator "
            "may choose any other. On: they see and decide on these sections' "
            "comments only."
        ),
    )

    class Meta:
        verbose_name = _("moderator's sections")
        verbose_name_plural = _("moderators' sections")

    def __str__(self) -> str:
        return str(self.user)

    @classmethod
    def of(cls, user) -> "ModeratorScope | None":
        return cls.objects.filter(user=user).prefetch_related("sections").first()

    def section_ids(self) -> list[int]:
        return [section.pk for section in self.sections.all()]

from django.db import models
from django.utils.translation import gettext_lazy as _


class FloodCount(models.Model):
    """A flood limit's count, kept in the database while the cache cannot
    keep it (protection/limits.py): a limit is never waved through."""

    key = models.CharField(_("key"), max_length=120, unique=True)
    count = models.PositiveIntegerField(_("count"), default=0)
    # Housekeeping deletes the rows whose window has passed.
    expires_at = models.DateTimeField(_("expires at"), db_index=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("flood count")
        verbose_name_plural = _("flood counts")

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"

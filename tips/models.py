from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Tip(models.Model):
    """A story a reader sends to the editors."""

    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("e-mail"))
    story = models.TextField(_("the story"))
    link = models.URLField(_("link"), blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    handled = models.BooleanField(
        _("handled"), default=False, help_text=_("An editor has dealt with it.")
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("story tip")
        verbose_name_plural = _("story tips")
        # The editors' list: unhandled tips, newest first.
        indexes = [models.Index(fields=["handled", "-created_at"], name="tip_queue")]

    def __str__(self) -> str:
        return gettext("Tip from %(name)s") % {"name": self.name}

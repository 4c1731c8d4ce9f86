from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# Besides its own table, this app is where Django sends post_migrate after
# the apps whose permissions the roles name (apps.py).


class FailedSignIns(models.Model):
    """Wrong passwords tried for a staff account since its owner last signed
    in: the owner is told at the next sign-in (sign_in.py). No address or
    browser is kept, only how many and when the last came."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
        verbose_name=_("account"),
    )
    count = models.PositiveIntegerField(_("wrong passwords"), default=0)
    last_at = models.DateTimeField(_("last tried at"))

    class Meta:
        ordering = ["-last_at"]
        verbose_name = _("failed sign-ins")
        verbose_name_plural = _("failed sign-ins")

    def __str__(self) -> str:
        return f"{self.user}: {self.count}"

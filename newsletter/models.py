from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from protection.opt_in import OptInAddress


class SubscriberQuerySet(models.QuerySet["Subscriber"]):
    def confirmed(self) -> "SubscriberQuerySet":
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed(self) -> "SubscriberQuerySet":
        return self.filter(confirmed_at__isnull=True)


class Subscriber(OptInAddress):
    """A newsletter address; listed only once its owner has confirmed it."""

    created_at = models.DateTimeField(_("signed up at"), default=timezone.now)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")

    def __str__(self) -> str:
        return self.email

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SubscriberQuerySet(models.QuerySet["Subscriber"]):
    def confirmed(self) -> "SubscriberQuerySet":
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed(self) -> "SubscriberQuerySet":
        return self.filter(confirmed_at__isnull=True)


class Subscriber(models.Model):
    """A newsletter address; listed only once its owner has confirmed it."""

    email = models.EmailField(_("e-mail"), unique=True)
    created_at = models.DateTimeField(_("signed up at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmation_token = models.CharField(
        _("confirmation token"),
        max_length=32,
        blank=True,
        editable=False,
        help_text=_("In the latest confirmation link; empty once confirmed."),
    )

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")

    def __str__(self) -> str:
        return self.email

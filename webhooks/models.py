"""Where moderation events are sent, and each sending."""

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    HELD = "comment.held", _("A comment is held for review")
    DECIDED = "comment.decided", _("A moderator decided on a comment")
    REPORTED = "comment.reported", _("A reader reported a comment")
    PICKED = "comment.picked", _("A comment became an editors' pick")
    ALERT = "alert", _("Comments wait for a moderator (the alert digest)")


def new_secret() -> str:
    return secrets.token_hex(32)


class Endpoint(models.Model):
    """A newsroom tool that wants to hear of moderation events."""

    url = models.URLField(_("address"), max_length=500)
    events = models.JSONField(_("events"), default=list)
    secret = models.CharField(
        _("signing secret"),
        max_length=64,
        default=new_secret,
        editable=False,
        help_text=_(
            "Each request carries X-Newsroom-Signature: t=<time>,v1=<HMAC-SHA256 "
            "of “<time>.<body>” with this secret>. Check it, and the time."
        ),
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        ordering = ["url"]
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")

    def __str__(self) -> str:
        return self.url


class Delivery(models.Model):
    """One event sent to one address, until it is answered with 2xx or the
    attempts run out."""

    endpoint = models.ForeignKey(
        Endpoint,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deliveries",
        verbose_name=_("webhook"),
    )
    url = models.URLField(_("address"), max_length=500)
    event = models.CharField(_("event"), max_length=30, choices=Event)
    payload = models.JSONField(_("what was sent"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    last_status = models.PositiveSmallIntegerField(
        _("last answer"), null=True, blank=True
    )
    last_error = models.CharField(_("last error"), max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                name="delivery_due",
                condition=models.Q(delivered_at__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.url}"

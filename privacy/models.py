from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class LegalRequest(models.Model):
    """A request about one poster's data (to see it, to erase it, or a
    court's order): whom it is about, and what was done. After an erasure
    only the reference and who did what, when, remain."""

    user_name = models.CharField(
        _("user name"),
        max_length=200,
        blank=True,
        help_text=_("Matched exactly, as the poster typed it."),
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    reference = models.CharField(
        _("reference"),
        max_length=200,
        blank=True,
        help_text=_("The letter, e-mail or case this answers."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
        verbose_name=_("opened by"),
    )
    created_at = models.DateTimeField(
        _("opened at"), default=timezone.now, editable=False
    )
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("erased by"),
    )
    erased_at = models.DateTimeField(
        _("erased at"), null=True, blank=True, editable=False
    )
    erased_comments = models.PositiveIntegerField(
        _("comments erased"), default=0, editable=False
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("legal request")
        verbose_name_plural = _("legal requests")
        constraints = [
            models.CheckConstraint(
                condition=Q(ip_address__isnull=False)
                | ~Q(user_name="")
                | Q(erased_at__isnull=False),
                name="legal_request_names_someone",
            )
        ]

    def __str__(self) -> str:
        return gettext("Request about %(subject)s") % {"subject": self.subject}

    @property
    def subject(self) -> str:
        if self.erased_at:
            return str(_("an erased poster"))
        return " / ".join(filter(None, [self.user_name, self.ip_address]))

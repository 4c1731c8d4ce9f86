"""The versions of the model learned from this site's moderators."""

from typing import Self

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SiteModelQuerySet(models.QuerySet["SiteModel"]):
    def in_use(self) -> Self:
        return self.filter(in_use=True)


class SiteModel(models.Model):
    """One training of the site's model: kept with how well it agreed with
    the moderators' latest decisions, so that a worse version is never put
    in use and an earlier one can be put back."""

    created_at = models.DateTimeField(_("trained at"), default=timezone.now)
    decisions = models.PositiveIntegerField(
        _("decisions learned from"),
        help_text=_(
            "Comments removed as abusive, racist, spam or illegal, and comments kept."
        ),
    )
    removals = models.PositiveIntegerField(_("removals among them"))
    seconds = models.FloatField(_("seconds to train"))
    agreement = models.FloatField(
        _("agreement with the latest decisions"),
        help_text=_(
            "The share of the latest decisions this version would have made too."
        ),
    )
    previous_agreement = models.FloatField(
        _("the version in use, on the same decisions"), null=True, blank=True
    )
    in_use = models.BooleanField(_("in use"), default=False)
    refused = models.CharField(_("not put in use because"), max_length=300, blank=True)
    # The trained pipeline, as joblib wrote it: written and read by this
    # app only.
    pipeline = models.BinaryField(editable=False)

    objects = SiteModelQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("site model version")
        verbose_name_plural = _("site model versions")
        constraints = [
            models.UniqueConstraint(
                fields=["in_use"],
                condition=Q(in_use=True),
                name="one_site_model_in_use",
            )
        ]

    def __str__(self) -> str:
        return _("Version %(number)s") % {"number": self.pk}

"""Readers' reports and notices of illegal content."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .choices import Reason, ReportOutcome
from .comment import Comment


class ReportQuerySet(models.QuerySet["Report"]):
    def open(self) -> "ReportQuerySet":
        return self.filter(outcome=ReportOutcome.OPEN)

    def illegal_content_notices(self) -> "ReportQuerySet":
        return self.filter(reason=Reason.ILLEGAL)


class Report(models.Model):
    """A reader's report of a published comment; one per address counts,
    and holding counts networks (see moderation.report)."""

    comment = models.ForeignKey(
        Comment,
        on_delete=models.CASCADE,
        related_name="reports",
        verbose_name=_("comment"),
    )
    reason = models.CharField(_("reason"), max_length=10, choices=Reason)
    explanation = models.TextField(
        _("explanation"),
        blank=True,
        help_text=_("Why the reader believes the comment is illegal."),
    )
    # Emptied after the retention period (see privacy/retention.py); the
    # network stays, coarse as Isso stores addresses, so that dismissed
    # reporters still cannot hold the comment again.
    reporter_ip = models.GenericIPAddressField(
        _("reporter's IP address"), null=True, blank=True
    )
    reporter_network = models.CharField(
        _("reporter's network"),
        max_length=50,
        blank=True,
        help_text=_("The /24 (IPv4) or /48 (IPv6) the address belongs to."),
    )
    created_at = models.DateTimeField(_("reported at"), default=timezone.now)
    outcome = models.CharField(
        _("outcome"),
        max_length=10,
        choices=ReportOutcome,
        default=ReportOutcome.OPEN,
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        indexes = [
            models.Index(fields=["comment", "outcome"], name="report_open"),
            models.Index(fields=["reporter_ip"], name="report_reporter"),
            models.Index(
                fields=["reason", "outcome", "created_at"], name="report_notices"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter_ip"], name="report_once_per_reader"
            ),
            models.CheckConstraint(
                condition=Q(reason__in=Reason.values), name="report_reason_valid"
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=ReportOutcome.values),
                name="report_outcome_valid",
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(reason)s report on %(comment)s") % {
            "reason": self.get_reason_display(),
            "comment": self.comment,
        }


class IllegalContentNotice(Report):
    """A report that a comment is illegal: its own queue, oldest first."""

    class Meta:
        proxy = True
        ordering = ["created_at"]
        verbose_name = _("illegal-content notice")
        verbose_name_plural = _("illegal-content notices")

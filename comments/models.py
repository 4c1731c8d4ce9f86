from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

COMMENTS_PER_PAGE = 50


class CommentStatus(models.TextChoices):
    PUBLISHED = "published", _("Published")
    HELD = "held", _("Held for review")
    REMOVED = "removed", _("Removed")


class Reason(models.TextChoices):
    """Why a reader reports a comment, or a moderator removes one."""

    ABUSIVE = "abusive", _("Abusive")
    RACIST = "racist", _("Racist")
    OFF_TOPIC = "off_topic", _("Off-topic")
    SPAM = "spam", _("Spam")
    OTHER = "other", _("Other")


class CommentQuerySet(models.QuerySet):
    def published(self) -> "CommentQuerySet":
        return self.filter(status=CommentStatus.PUBLISHED)

    def held(self) -> "CommentQuerySet":
        return self.filter(status=CommentStatus.HELD)

    def removed(self) -> "CommentQuerySet":
        return self.filter(status=CommentStatus.REMOVED)


class Comment(models.Model):
    Status = CommentStatus

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("article"),
    )
    user_name = models.CharField(_("user name"), max_length=50)
    body = models.TextField(_("comment"), max_length=3000)
    created_at = models.DateTimeField(_("posted at"), default=timezone.now)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CommentStatus,
        default=CommentStatus.PUBLISHED,
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=500, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            models.Index(
                fields=["article", "status", "-created_at"],
                name="comment_article_page",
            ),
            models.Index(
                fields=["status", "-created_at"], name="comment_status_recent"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=CommentStatus.values),
                name="comment_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_name} on {self.article}"

    def get_absolute_url(self) -> str:
        # Not the article URL plus an anchor: comments are listed newest
        # first, so a comment moves to later pages as others arrive. The
        # permalink finds its page when it is followed.
        return reverse("comments:permalink", kwargs={"pk": self.pk})

    def page_number(self) -> int:
        """The page of its article's comments that this comment is on now."""
        newer = (
            Comment.objects.published()
            .filter(article_id=self.article_id)
            .filter(
                Q(created_at__gt=self.created_at)
                | Q(created_at=self.created_at, pk__gt=self.pk)
            )
            .count()
        )
        return newer // COMMENTS_PER_PAGE + 1


class Report(models.Model):
    """A reader's report of a published comment; one per reader counts."""

    comment = models.ForeignKey(
        Comment,
        on_delete=models.CASCADE,
        related_name="reports",
        verbose_name=_("comment"),
    )
    reason = models.CharField(_("reason"), max_length=10, choices=Reason)
    reporter_ip = models.GenericIPAddressField(_("reporter's IP address"))
    created_at = models.DateTimeField(_("reported at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter_ip"], name="report_once_per_reader"
            ),
            models.CheckConstraint(
                condition=Q(reason__in=Reason.values), name="report_reason_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} report on {self.comment}"

"""A comment (or reply), how comments are read, and readers'
recommendations of them."""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.models import Article, ArticleQuerySet

from .choices import CommentStatus, HoldRule, Reason, Voice


class CommentQuerySet(models.QuerySet["Comment"]):
    def published(self) -> "CommentQuerySet":
        return self.filter(status=CommentStatus.PUBLISHED)

    def held(self) -> "CommentQuerySet":
        return self.filter(status=CommentStatus.HELD)

    def removed(self) -> "CommentQuerySet":
        return self.filter(status=CommentStatus.REMOVED)

    def reported(self) -> "CommentQuerySet":
        """Published comments with reports no moderator has looked at yet."""
        from .reports import Report  # reports.py imports this module

        # A semi-join on the few open reports, not a check on every comment.
        open_reports = Report.objects.open().values("comment_id")
        return self.published().filter(pk__in=open_reports)

    def top_level(self) -> "CommentQuerySet":
        return self.filter(parent__isnull=True)

    def picks(self) -> "CommentQuerySet":
        return self.filter(is_pick=True)

    def threads(self, *, with_removed: bool = False) -> "CommentQuerySet":
        """Top-level comments readers see as conversations: published ones,
        those taken down whose published replies still read on, and with
        with_removed the removed ones readers had seen, which leave their
        reason in place."""
        shown = Q(status=CommentStatus.PUBLISHED) | Q(reply_count__gt=0)
        if with_removed:
            shown |= Q(status=CommentStatus.REMOVED, was_public=True)
        return self.top_level().filter(shown)

    def shown_in_threads(self, *, with_removed: bool = False) -> "CommentQuerySet":
        """Replies readers see: published ones, and with with_removed the
        removed ones readers had seen, as a line giving the reason."""
        if with_removed:
            return self.filter(
                Q(status=CommentStatus.PUBLISHED)
                | Q(status=CommentStatus.REMOVED, was_public=True)
            )
        return self.published()

    def public(self) -> "CommentQuerySet":
        """Published comments on stories readers can see."""
        return self.published().filter(article__in=Article.objects.published())

    def reportable(self) -> "CommentQuerySet":
        """What readers may report: public comments, and those that readers'
        reports took off the page (a notice of illegal content still
        matters). Nothing never shown: a held comment's id says nothing."""
        return self.filter(
            Q(status=CommentStatus.PUBLISHED)
            | Q(status=CommentStatus.HELD, hold_rule=HoldRule.REPORTS),
            article__in=Article.objects.published(),
        )

    def with_waiting_since(self) -> "CommentQuerySet":
        """Each comment with waiting_since: since when it has waited for a
        moderator. The one definition the workspace's cards and header, the
        dashboard, the admin's front page and the alerts all use: its first
        open report, or else its posting (a held comment waits from then)."""
        from .reports import Report  # reports.py imports this module

        first_report = (
            Report.objects.open()
            .filter(comment=OuterRef("pk"))
            .order_by("created_at")
            .values("created_at")[:1]
        )
        return self.annotate(
            waiting_since=Coalesce(Subquery(first_report), F("created_at"))
        )

    def needs_attention(self) -> "CommentQuerySet":
        """What a moderator must decide on: held or reported comments."""
        # Ids from two index-friendly queries; an OR of the two conditions
        # makes the database check every comment in the table.
        held = Comment.objects.held().values("pk")
        reported = Comment.objects.reported().values("pk")
        return self.filter(pk__in=held.union(reported))


def most_discussed_stories(*, since: datetime, limit: int = 5) -> ArticleQuerySet:
    """Published stories with the most published comments since a time,
    each with its number of them as recent_comments."""
    counts = (
        Comment.objects.published()
        .filter(article=OuterRef("pk"), created_at__gte=since)
        .order_by()
        .values("article")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        Article.objects.published()
        .annotate(recent_comments=Subquery(counts))
        .filter(recent_comments__gt=0)
        .order_by("-recent_comments", "-published_at")[:limit]
    )


class Comment(models.Model):
    Status = CommentStatus

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("article"),
    )
    # Forms limit what a reader sees (50 and 3,000 characters); the columns
    # leave room for characters built from several code points.
    user_name = models.CharField(_("user name"), max_length=200)
    body = models.TextField(_("comment"))
    fingerprint = models.CharField(
        _("fingerprint"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("Of the text, case and spacing ignored: finds duplicates."),
    )
    created_at = models.DateTimeField(_("posted at"), default=timezone.now)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CommentStatus,
        default=CommentStatus.PUBLISHED,
    )
    hold_rule = models.CharField(
        _("held by rule"), max_length=15, choices=HoldRule, blank=True
    )
    hold_detail = models.CharField(_("rule detail"), max_length=200, blank=True)
    removal_reason = models.CharField(
        _("removal reason"), max_length=10, choices=Reason, blank=True
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=500, blank=True)
    # How likely a moderator is to remove it, scored on this server when it
    # was posted (triage/), and the words that weighed most.
    risk = models.FloatField(_("risk score"), null=True, blank=True, editable=False)
    risk_reason = models.CharField(
        _("risk explained"), max_length=200, blank=True, editable=False
    )
    reader_key = models.CharField(
        _("confirmed reader"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_(
            "A keyed digest of the e-mail address the posting browser had "
            "confirmed, never the address: bans and watches can name it. "
            "Forgotten with the IP address."
        ),
    )
    # Conversations are one level deep: a reply to a reply joins its
    # thread, and reply_to says whom it answers.
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("thread"),
        help_text=_("The top-level comment this reply is under."),
    )
    reply_to = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("in reply to"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("staff author"),
        help_text=_("Set only for comments staff wrote while signed in."),
    )
    voice = models.CharField(
        _("badge"), max_length=10, choices=Voice, blank=True, editable=False
    )
    is_pick = models.BooleanField(
        _("editors' pick"),
        default=False,
        editable=False,
        help_text=_("Highlighted on the page and listed under Picks."),
    )
    recommend_count = models.PositiveIntegerField(
        _("recommendations"), default=0, editable=False
    )
    reply_count = models.PositiveIntegerField(
        _("published replies"),
        default=0,
        editable=False,
        help_text=_("Kept up to date by every change to the replies' status."),
    )
    removed_reply_count = models.PositiveIntegerField(
        _("removed replies"),
        default=0,
        editable=False,
        help_text=_("Each leaves a line stating its reason, when that is on."),
    )
    was_public = models.BooleanField(
        _("seen by readers"),
        default=True,
        editable=False,
        help_text=_(
            "Published at some time. A comment held from the start and then "
            "removed leaves no line on the page: readers never saw it."
        ),
    )
    erased_at = models.DateTimeField(
        _("erased at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Name and text erased on a legal request; the history stays."),
    )
    edited_at = models.DateTimeField(
        _("edited at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Last changed by its poster; the history keeps each text."),
    )
    withdrawn_at = models.DateTimeField(
        _("deleted by its poster at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Its text is gone; a line says so above its replies."),
    )
    # A digest of the secret the posting browser keeps (a cookie for this
    # comment's address only), which lets it edit or delete the comment for
    # a few minutes. Never the secret itself.
    edit_key = models.CharField(
        _("edit key digest"), max_length=64, blank=True, editable=False
    )
    # The secret itself, on the comment just posted only, for the view to
    # hand to the browser; never stored.
    edit_secret = ""

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        permissions = [
            ("can_moderate", _("Can moderate comments")),
            ("can_pick", _("Can mark editors' picks")),
            ("can_see_addresses", _("Can see and search posters' addresses")),
        ]
        # One index per way comments are read: a story's page, the queue
        # by status, the whole queue newest first, and by poster.
        indexes = [
            models.Index(
                fields=["article", "status", "-created_at", "-id"],
                name="comment_article_page",
            ),
            models.Index(
                fields=["status", "-created_at", "-id"], name="comment_status_recent"
            ),
            models.Index(fields=["-created_at", "-id"], name="comment_recent"),
            models.Index(fields=["ip_address"], name="comment_ip"),
            models.Index(fields=["user_name"], name="comment_user_name"),
            models.Index(fields=["reader_key"], name="comment_reader_key"),
            # The duplicate rule: the same text on the same story lately.
            models.Index(fields=["article", "fingerprint"], name="comment_duplicate"),
            # A story's threads in each order, and each thread's replies.
            models.Index(
                fields=["article", "parent", "status", "-created_at", "-id"],
                name="comment_threads",
            ),
            models.Index(
                fields=["article", "parent", "status", "-recommend_count"],
                name="comment_most_recommended",
            ),
            models.Index(
                fields=["article", "is_pick", "status", "-created_at"],
                name="comment_picks",
            ),
            models.Index(
                fields=["parent", "status", "created_at"], name="reply_thread"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=CommentStatus.values),
                name="comment_status_valid",
            ),
            models.CheckConstraint(
                condition=(
                    Q(status=CommentStatus.REMOVED, removal_reason__in=Reason.values)
                    | (~Q(status=CommentStatus.REMOVED) & Q(removal_reason=""))
                ),
                name="comment_removed_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(voice__in=Voice.values), name="comment_voice_valid"
            ),
            models.CheckConstraint(
                condition=Q(voice="") | Q(author__isnull=False),
                name="comment_badge_needs_staff_author",
            ),
            models.CheckConstraint(
                condition=(
                    Q(status=CommentStatus.HELD, hold_rule__in=HoldRule.values)
                    | (~Q(status=CommentStatus.HELD) & Q(hold_rule=""))
                ),
                name="comment_held_has_rule",
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(name)s on %(story)s") % {
            "name": self.user_name,
            "story": self.article,
        }

    def get_absolute_url(self) -> str:
        # Not the article URL plus an anchor: a comment moves to later pages
        # as others arrive, and which page depends on the reader's sort.
        # The permalink finds its page when it is followed.
        return reverse("comments:permalink", kwargs={"pk": self.pk})

    @property
    def thread_id(self) -> int:
        return self.parent_id or self.pk


class Recommendation(models.Model):
    """A reader's recommendation of a comment: one per browser and one per
    address, so clearing cookies does not count twice."""

    comment = models.ForeignKey(
        Comment,
        on_delete=models.CASCADE,
        related_name="recommendations",
        verbose_name=_("comment"),
    )
    # Emptied after the retention period (see privacy/retention.py).
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    browser = models.CharField(_("browser key"), max_length=32)
    created_at = models.DateTimeField(_("recommended at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "ip_address"], name="recommend_once_per_address"
            ),
            models.UniqueConstraint(
                fields=["comment", "browser"], name="recommend_once_per_browser"
            ),
        ]

    def __str__(self) -> str:
        return gettext("Recommendation of %(comment)s") % {"comment": self.comment}

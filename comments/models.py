from datetime import datetime
from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.models import Article, ArticleQuerySet

from . import rules

COMMENTS_PER_PAGE = 50


class CommentStatus(models.TextChoices):
    PUBLISHED = "published", _("Published")
    HELD = "held", _("Held for review")
    REMOVED = "removed", _("Removed")


class Reason(models.TextChoices):
    """Why a reader reports a comment, a moderator removes one, or bans a poster."""

    ABUSIVE = "abusive", _("Abusive")
    RACIST = "racist", _("Racist")
    OFF_TOPIC = "off_topic", _("Off-topic")
    SPAM = "spam", _("Spam")
    OTHER = "other", _("Other")
    # Last, so that the moderators' keys 1 to 5 keep their meaning.
    ILLEGAL = "illegal", _("Illegal content")


class ReportOutcome(models.TextChoices):
    OPEN = "open", _("Waiting for a moderator")
    UPHELD = "upheld", _("Upheld: the comment was removed")
    DISMISSED = "dismissed", _("Dismissed: the comment stays")


class HoldRule(models.TextChoices):
    """Why a comment was held for a moderator instead of published."""

    PREMODERATION = "premoderation", _("Pre-moderation")
    BANNED_WORD = "banned_word", _("Banned word")
    TOO_MANY_LINKS = "links", _("Too many links")
    DUPLICATE = "duplicate", _("Duplicate")
    STAFF_NAME = "staff_name", _("Name imitates staff")
    REPORTS = "reports", _("Reported by readers")
    WATCHED = "watched", _("Poster watched")
    # Pending in the system the comment was imported from.
    IMPORTED = "imported", _("Pending where it was imported from")


class Voice(models.TextChoices):
    """Who a comment speaks for: a reader, or the newsroom itself."""

    READER = "", _("Reader")
    STAFF = "staff", _("Newsroom staff")
    AUTHOR = "author", _("Author")


def staff_display_name(user) -> str:
    """The name a staff member's comments go out under."""
    return user.get_full_name() or user.get_username()


def staff_voice(user, article: Article | None) -> "Voice":
    """The badge a staff member's comment carries: Author on a story they
    wrote, Newsroom staff elsewhere."""
    if article is not None and article.authors.filter(pk=user.pk).exists():
        return Voice.AUTHOR
    return Voice.STAFF


class CommentQuerySet(models.QuerySet["Comment"]):
    def published(self) -> "CommentQuerySet":
        return self.filter(status=CommentStatus.PUBLISHED)

    def held(self) -> "CommentQuerySet":
        return self.filter(status=CommentStatus.HELD)

    def removed(self) -> "CommentQuerySet":
        return self.filter(status=CommentStatus.REMOVED)

    def reported(self) -> "CommentQuerySet":
        """Published comments with reports no moderator has looked at yet."""
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
        with_removed the removed ones, which leave their reason in place."""
        shown = Q(status=CommentStatus.PUBLISHED) | Q(reply_count__gt=0)
        if with_removed:
            shown |= Q(status=CommentStatus.REMOVED)
        return self.top_level().filter(shown)

    def shown_in_threads(self, *, with_removed: bool = False) -> "CommentQuerySet":
        """Replies readers see: published ones, and with with_removed the
        removed ones, as a line giving the reason."""
        if with_removed:
            return self.filter(
                status__in=[CommentStatus.PUBLISHED, CommentStatus.REMOVED]
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
    erased_at = models.DateTimeField(
        _("erased at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Name and text erased on a legal request; the history stays."),
    )

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


class ModerationEvent(models.Model):
    """One step in a comment's history: who did what, when and why."""

    class Action(models.TextChoices):
        HELD = "held", _("Held for review")
        APPROVED = "approved", _("Approved")
        # Written before removals of held comments were called removals.
        REJECTED = "rejected", _("Rejected")
        REMOVED = "removed", _("Removed")
        RESTORED = "restored", _("Restored")
        POSTER_BANNED = "banned", _("Poster banned")
        POSTER_WATCHED = "watched", _("Poster watched")
        POSTER_TRUSTED = "trusted", _("Poster trusted")
        PICKED = "picked", _("Made an editors' pick")
        UNPICKED = "unpicked", _("No longer an editors' pick")
        UNDONE = "undone", _("Undone")
        ERASED = "erased", _("Poster's name and text erased")
        IMPORTED = "imported", _("Imported")

    comment = models.ForeignKey(
        Comment,
        on_delete=models.CASCADE,
        related_name="history",
        verbose_name=_("comment"),
    )
    action = models.CharField(_("action"), max_length=10, choices=Action)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderator"),
        help_text=_("Empty when a rule acted on its own."),
    )
    reason = models.CharField(_("reason"), max_length=10, choices=Reason, blank=True)
    rule = models.CharField(_("rule"), max_length=15, choices=HoldRule, blank=True)
    detail = models.CharField(_("detail"), max_length=200, blank=True)
    previous_status = models.CharField(
        _("status before"),
        max_length=10,
        choices=CommentStatus,
        blank=True,
        help_text=_("What the comment was before this decision, for undoing it."),
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("moderation event")
        verbose_name_plural = _("moderation history")

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.comment}"


class PosterQuerySet[T: models.Model](models.QuerySet[T]):
    """Decisions about posters (bans, watches, trust), found by address or
    by name however it is disguised."""

    def active(self) -> Self:
        return self.filter(lifted_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now())
        )

    def matching(self, *, ip_address: str | None, user_name: str) -> Self:
        match = Q(name_key=rules.name_key(user_name)) & ~Q(name_key="")
        if ip_address:
            match |= Q(ip_address=ip_address)
        return self.filter(match)


class BanQuerySet(PosterQuerySet["Ban"]):
    pass


class StandingQuerySet(PosterQuerySet["PosterStanding"]):
    def watched(self) -> Self:
        return self.filter(standing=Standing.WATCHED)

    def trusted(self) -> Self:
        return self.filter(standing=Standing.TRUSTED)


class PosterDecision(models.Model):
    """A moderator's decision about a poster (a ban, a watch, trust), by
    address and/or name, until it ends or is lifted; the record stays."""

    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_name = models.CharField(_("user name"), max_length=200, blank=True)
    name_key = models.CharField(
        _("name as compared"),
        max_length=200,
        blank=True,
        editable=False,
        help_text=_("The name without case, accents, spacing or look-alikes."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    created_at = models.DateTimeField(_("decided at"), default=timezone.now)
    expires_at = models.DateTimeField(
        _("ends at"), null=True, blank=True, help_text=_("Empty: until lifted.")
    )
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lifted by"),
    )

    class Meta:
        abstract = True

    @property
    def who(self) -> str:
        return " / ".join(filter(None, [self.user_name, self.ip_address]))

    @property
    def is_active(self) -> bool:
        return self.lifted_at is None and (
            self.expires_at is None or self.expires_at > timezone.now()
        )


class Ban(PosterDecision):
    """Keeps a poster, by IP address and/or user name, from commenting."""

    reason = models.CharField(_("reason"), max_length=10, choices=Reason)
    comment = models.ForeignKey(
        Comment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bans",
        verbose_name=_("prompted by comment"),
    )

    objects = BanQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("ban")
        verbose_name_plural = _("bans")
        indexes = [
            models.Index(fields=["ip_address"], name="ban_ip"),
            models.Index(fields=["user_name"], name="ban_user_name"),
            models.Index(fields=["name_key"], name="ban_name_key"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ip_address__isnull=False) | ~Q(user_name=""),
                name="ban_names_someone",
            ),
        ]

    def __str__(self) -> str:
        return gettext("Ban on %(who)s") % {"who": self.who}

    @property
    def duration_text(self) -> str:
        """How long the ban lasts, as the poster and the history read it."""
        if self.expires_at is None:
            return gettext("for good")
        return gettext("until %(when)s") % {
            "when": f"{timezone.localtime(self.expires_at):%B %-d, %Y %H:%M}"
        }


class Standing(models.TextChoices):
    WATCHED = "watched", _("Watched: hold their comments for review")
    TRUSTED = "trusted", _("Trusted: skip the link, duplicate and pre-moderation holds")


class PosterStanding(PosterDecision):
    """A moderator's decision to watch a poster or to trust them."""

    standing = models.CharField(_("standing"), max_length=10, choices=Standing)
    comment = models.ForeignKey(
        Comment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("prompted by comment"),
    )

    objects = StandingQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("watched or trusted poster")
        verbose_name_plural = _("watched and trusted posters")
        # Looked up on every post, by address and by name.
        indexes = [
            models.Index(fields=["ip_address"], name="standing_ip"),
            models.Index(fields=["name_key"], name="standing_name_key"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ip_address__isnull=False) | ~Q(user_name=""),
                name="standing_names_someone",
            ),
            models.CheckConstraint(
                condition=Q(standing__in=Standing.values), name="standing_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.who}"

    @property
    def label(self) -> str:
        """ "Watched" or "Trusted"."""
        return str(self.get_standing_display()).split(":")[0]


class OutsideStaffedHours(models.TextChoices):
    PUBLISH = "publish", _("Publish as usual")
    HOLD = "hold", _("Hold every new comment for review")
    CLOSE = "close", _("Close comments")


class CommentSettings(models.Model):
    """The switches moderators turn in the admin: one row for the site."""

    premoderate_all = models.BooleanField(
        _("pre-moderate every story"),
        default=False,
        help_text=_(
            "Hold every new comment on every story until a moderator approves it."
        ),
    )
    close_all = models.BooleanField(
        _("close all comments now"),
        default=False,
        help_text=_(
            "No story takes new comments while this is on; the comments already "
            "published stay. For emergencies: an attack, a legal order."
        ),
    )
    staffed_from = models.TimeField(
        _("staffed from"),
        null=True,
        blank=True,
        help_text=_("When moderators start each day, in the site's time zone."),
    )
    staffed_until = models.TimeField(
        _("staffed until"),
        null=True,
        blank=True,
        help_text=_("When they stop. Empty times: always staffed."),
    )
    outside_staffed_hours = models.CharField(
        _("outside staffed hours"),
        max_length=10,
        choices=OutsideStaffedHours,
        default=OutsideStaffedHours.PUBLISH,
    )
    state_removal_reasons = models.BooleanField(
        _("state reasons for removals"),
        default=True,
        help_text=_(
            "A removed comment leaves a line in its place saying why, with a "
            "link to the community rules. Off: removed comments disappear."
        ),
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("comment settings")
        verbose_name_plural = _("comment settings")
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="comment_settings_one_row")
        ]

    def __str__(self) -> str:
        return str(_("Comment settings"))

    @classmethod
    def current(cls) -> "CommentSettings":
        return cls.objects.filter(pk=1).first() or cls(pk=1)

    def staffed_now(self) -> bool:
        if self.staffed_from is None or self.staffed_until is None:
            return True
        now = timezone.localtime().time()
        if self.staffed_from <= self.staffed_until:
            return self.staffed_from <= now < self.staffed_until
        # Hours across midnight, e.g. 18:00 to 02:00.
        return now >= self.staffed_from or now < self.staffed_until

    def closed_now(self) -> bool:
        """Whether no story takes comments now, whatever its own setting."""
        return self.close_all or (
            self.outside_staffed_hours == OutsideStaffedHours.CLOSE
            and not self.staffed_now()
        )

    def holds_everything_now(self) -> bool:
        return self.premoderate_all or (
            self.outside_staffed_hours == OutsideStaffedHours.HOLD
            and not self.staffed_now()
        )


class BannedWord(models.Model):
    """A word or phrase that holds a comment for review."""

    word = models.CharField(
        _("word or phrase"),
        max_length=100,
        unique=True,
        help_text=_(
            "Matched as a whole word, ignoring case, accents, letter spacing "
            "and look-alike characters."
        ),
    )
    created_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        ordering = ["word"]
        verbose_name = _("banned word")
        verbose_name_plural = _("banned words")

    def __str__(self) -> str:
        return self.word

"""Readers who follow replies by e-mail: their address, what it follows, and
which replies it was already told of."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from comments.models import Comment
from protection.opt_in import OptInAddress


class FollowerQuerySet(models.QuerySet["Follower"]):
    def confirmed(self) -> "FollowerQuerySet":
        return self.filter(confirmed_at__isnull=False)


class Follower(OptInAddress):
    """An e-mail address that follows replies; mailed nothing but its
    confirmation until its owner confirms it, and forgotten once it follows
    nothing."""

    created_at = models.DateTimeField(_("first followed at"), default=timezone.now)
    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        help_text=_("The mails go out in the language the reader followed in."),
    )
    confirmation_sent_at = models.DateTimeField(
        _("confirmation sent at"), null=True, blank=True, editable=False
    )

    objects = FollowerQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("reply follower")
        verbose_name_plural = _("reply followers")

    def __str__(self) -> str:
        return self.email


class FollowQuerySet(models.QuerySet["Follow"]):
    def confirmed(self) -> "FollowQuerySet":
        return self.filter(follower__confirmed_at__isnull=False)


class Follow(models.Model):
    """One thing an address follows: the replies to a comment, or every
    comment on a story."""

    follower = models.ForeignKey(
        Follower,
        on_delete=models.CASCADE,
        related_name="follows",
        verbose_name=_("follower"),
    )
    comment = models.ForeignKey(
        Comment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("comment"),
    )
    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("story"),
    )
    created_at = models.DateTimeField(_("followed at"), default=timezone.now)
    last_mailed_at = models.DateTimeField(_("last mailed at"), null=True, blank=True)

    objects = FollowQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.CheckConstraint(
                condition=Q(comment__isnull=True) ^ Q(article__isnull=True),
                name="follow_one_thing",
            ),
            models.UniqueConstraint(
                fields=["follower", "comment"], name="follow_comment_once"
            ),
            models.UniqueConstraint(
                fields=["follower", "article"], name="follow_story_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.follower}: {self.comment or self.article}"


class Mailed(models.Model):
    """A comment an address was told of, so that it is told once."""

    follow = models.ForeignKey(
        Follow,
        on_delete=models.CASCADE,
        related_name="mailed",
        verbose_name=_("follow"),
    )
    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="+", verbose_name=_("comment")
    )
    mailed_at = models.DateTimeField(_("mailed at"), default=timezone.now)

    class Meta:
        ordering = ["-mailed_at"]
        verbose_name = _("mailed comment")
        verbose_name_plural = _("mailed comments")
        constraints = [
            models.UniqueConstraint(
                fields=["follow", "comment"], name="mailed_once_per_follow"
            )
        ]

    def __str__(self) -> str:
        return f"{self.follow}: {self.comment_id}"


class ReservedName(models.Model):
    """A user name a reader made theirs by confirming an address: nobody
    else may post under it, or under a look-alike of it."""

    follower = models.OneToOneField(
        Follower,
        on_delete=models.CASCADE,
        related_name="reserved_name",
        verbose_name=_("address"),
    )
    user_name = models.CharField(_("user name"), max_length=200)
    # The name as bans compare names (comments.rules.name_key): one owner
    # for "Lena", "L e n a" and "Lena" spelt with a Cyrillic e.
    name_key = models.CharField(_("name key"), max_length=200, unique=True)
    reserved_at = models.DateTimeField(_("reserved at"), default=timezone.now)

    class Meta:
        ordering = ["user_name"]
        verbose_name = _("reserved name")
        verbose_name_plural = _("reserved names")

    def __str__(self) -> str:
        return self.user_name

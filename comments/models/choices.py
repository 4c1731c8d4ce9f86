"""The names the comments' models share: statuses, reasons, rules, voices
and standings, and how staff are named on the page."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models import Article

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
    RISK = "risk", _("Likely abusive or spam (risk score)")
    FIRST_COMMENT = "first", _("Poster's first comment")
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


class Standing(models.TextChoices):
    WATCHED = "watched", _("Watched: hold their comments for review")
    TRUSTED = "trusted", _("Trusted: skip the link, duplicate and pre-moderation holds")

    @property
    def short_label(self) -> str:
        """ "Watched" or "Trusted", as a record of a decision names it."""
        return str(
            {Standing.WATCHED: _("Watched"), Standing.TRUSTED: _("Trusted")}[self]
        )


class QueueOrder(models.TextChoices):
    OLDEST = "oldest", _("Oldest first")
    RISK = "risk", _("Highest risk first")


class OutsideStaffedHours(models.TextChoices):
    PUBLISH = "publish", _("Publish as usual")
    HOLD = "hold", _("Hold every new comment for review")
    CLOSE = "close", _("Close comments")

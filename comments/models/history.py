"""A comment's history: each step a rule or a moderator took on it."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import CommentStatus, HoldRule, Reason
from .comment import Comment


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
        EDITED = "edited", _("Edited by its poster")
        WITHDRAWN = "withdrawn", _("Deleted by its poster")

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
    previous_body = models.TextField(
        _("text before"),
        blank=True,
        help_text=_("What the comment said before its poster edited it."),
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("moderation event")
        verbose_name_plural = _("moderation history")

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.comment}"

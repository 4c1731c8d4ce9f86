"""Policies that act by themselves on what moderators decide, as the
comment settings turn them on: a poster whose comments were removed so many
times lately is watched. Each acts through the moderation core, which
records it as decided by nobody (a policy)."""

from collections.abc import Sequence
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from . import moderation
from .models import Comment, CommentSettings, ModerationEvent, PosterStanding


def watch_after_removals(
    comments: Sequence[Comment], action: str, to: str | None
) -> None:
    """After a removal, watch the poster if their comments (by name, address
    or confirmed e-mail address) were removed often enough lately
    (extensions.after_change)."""
    if action != ModerationEvent.Action.REMOVED:
        return
    switches = CommentSettings.current()
    if not switches.watch_after_removals:
        return
    days = timedelta(days=switches.watch_removals_days)
    for comment in comments:
        watched = PosterStanding.objects.active().watched()
        if watched.matching(
            ip_address=comment.ip_address,
            user_name=comment.user_name,
            reader_key=comment.reader_key,
        ).exists():
            continue
        theirs = Q(user_name=comment.user_name)
        if comment.ip_address:
            theirs |= Q(ip_address=comment.ip_address)
        if comment.reader_key:
            theirs |= Q(reader_key=comment.reader_key)
        removals = ModerationEvent.objects.filter(
            action=ModerationEvent.Action.REMOVED,
            created_at__gte=timezone.now() - days,
            comment__in=Comment.objects.filter(theirs),
        )
        if removals.count() >= switches.watch_after_removals:
            moderation.watch([comment], by=None, expires_at=timezone.now() + days)

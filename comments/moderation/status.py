"""Moderators' decisions on whether readers see a comment: approve,
remove with a reason, restore, and undo the last of them.

Comments are locked before they are decided on, so two moderators deciding
at once cannot count one twice."""

from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from ..models import (
    Ban,
    Comment,
    CommentQuerySet,
    CommentStatus,
    HoldRule,
    ModerationEvent,
    PosterStanding,
    Reason,
    Report,
    ReportOutcome,
)
from .durations import UNDO_WINDOW
from .recorder import Retire, ids_of, record

Action = ModerationEvent.Action


def approve(comments: Iterable[Comment], *, by: User) -> int:
    """Publish held comments, and keep reported ones; returns how many."""
    return _decide(
        Comment.objects.needs_attention().filter(pk__in=ids_of(comments)),
        from_statuses={CommentStatus.HELD, CommentStatus.PUBLISHED},
        by=by,
        action=Action.APPROVED,
        status=CommentStatus.PUBLISHED,
    )


def remove(comments: Iterable[Comment], *, by: User, reason: Reason) -> int:
    """Hide comments from readers, held or published, with a reason;
    returns how many."""
    return _decide(
        Comment.objects.exclude(status=CommentStatus.REMOVED).filter(
            pk__in=ids_of(comments)
        ),
        from_statuses={CommentStatus.HELD, CommentStatus.PUBLISHED},
        by=by,
        action=Action.REMOVED,
        status=CommentStatus.REMOVED,
        reason=reason,
        message=gettext("Removed as %(reason)s") % {"reason": Reason(reason).label},
    )


def restore(comments: Iterable[Comment], *, by: User) -> int:
    """Publish removed comments again; returns how many."""
    return _decide(
        Comment.objects.removed().filter(pk__in=ids_of(comments), erased_at=None),
        from_statuses={CommentStatus.REMOVED},
        by=by,
        action=Action.RESTORED,
        status=CommentStatus.PUBLISHED,
    )


def _decide(
    candidates: CommentQuerySet,
    *,
    from_statuses: set[CommentStatus],
    by: User,
    action: str,
    status: CommentStatus,
    reason: Reason | str = "",
    message: str = "",
) -> int:
    with transaction.atomic():
        # Locked, then checked again: another moderator may have decided
        # on some of them while this one waited for the lock.
        comments = [
            comment
            for comment in candidates.select_for_update(of=("self",)).select_related(
                "article"
            )
            if comment.status in from_statuses
        ]
        if not comments:
            return 0
        ids = ids_of(comments)
        published = {"was_public": True} if status == CommentStatus.PUBLISHED else {}
        Comment.objects.filter(pk__in=ids).update(
            status=status,
            removal_reason=reason,
            hold_rule="",
            hold_detail="",
            **published,
        )
        Report.objects.open().filter(comment__in=ids).update(
            outcome=ReportOutcome.UPHELD
            if status == CommentStatus.REMOVED
            else ReportOutcome.DISMISSED
        )
        record(
            comments,
            action=action,
            by=by,
            to=status,
            reason=reason,
            message=message,
        )
    return len(comments)


def undo(comment: Comment, *, by: User) -> int:
    """Take back the moderator's last decision on a comment: the steps they
    took on it within a few minutes (a removal and the ban that came with
    it are one decision), newest first, while nobody has acted on it since.
    Returns how many steps were undone."""
    cutoff = timezone.now() - UNDO_WINDOW
    with transaction.atomic():
        target = Comment.objects.select_for_update().filter(pk=comment.pk).first()
        if target is None:
            return 0
        steps = []
        for event in target.history.order_by("-created_at", "-pk"):
            if (
                event.moderator_id != by.pk
                or event.action in (Action.UNDONE, Action.HELD, Action.ERASED)
                or event.created_at < cutoff
            ):
                break
            steps.append(event)
        for step in steps:
            _undo_step(target, step, by=by)
    return len(steps)


def _undo_step(comment: Comment, step: ModerationEvent, *, by: User) -> None:
    was, to, retire = comment.status, None, Retire.NOTHING
    if step.action == Action.POSTER_BANNED:
        bans = Ban.objects.active().filter(comment=comment, created_by=by)
        Ban.objects.filter(pk__in=ids_of(bans)).update(
            lifted_at=timezone.now(), lifted_by=by
        )
    elif step.action in (Action.POSTER_WATCHED, Action.POSTER_TRUSTED):
        standings = PosterStanding.objects.active().filter(
            comment=comment, created_by=by
        )
        PosterStanding.objects.filter(pk__in=ids_of(standings)).update(
            lifted_at=timezone.now(), lifted_by=by
        )
    elif step.action in (Action.PICKED, Action.UNPICKED):
        comment.is_pick = step.action == Action.UNPICKED
        comment.save(update_fields=["is_pick"])
        retire = Retire.STORIES
    elif step.previous_status:
        to, retire = CommentStatus(step.previous_status), Retire.STORIES
        _put_back(comment, step, to)
    record(
        [comment],
        action=Action.UNDONE,
        by=by,
        to=to,
        was=was,
        detail=step.get_action_display(),
        message=gettext("Undid: %(step)s") % {"step": step.get_action_display()},
        retire=retire,
    )


def _put_back(comment: Comment, step: ModerationEvent, previous: CommentStatus):
    """The comment as it was before the step: its status, and the rule that
    held it or the reason it was removed for."""
    earlier = comment.history.filter(created_at__lte=step.created_at).exclude(
        pk=step.pk
    )
    held = earlier.filter(action=Action.HELD).last()
    removed = earlier.filter(action__in=[Action.REMOVED, Action.REJECTED]).last()
    comment.status = previous
    comment.hold_rule = ""
    comment.hold_detail = ""
    comment.removal_reason = ""
    if previous == CommentStatus.HELD:
        comment.hold_rule = held.rule if held else HoldRule.PREMODERATION
        comment.hold_detail = held.detail if held else ""
    if previous == CommentStatus.REMOVED:
        comment.removal_reason = removed.reason if removed else Reason.OTHER
    comment.save(update_fields=["status", "hold_rule", "hold_detail", "removal_reason"])

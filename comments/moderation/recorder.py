"""The one way a state change is written down.

Every function of the moderation core that changes a comment, a poster's
standing or the site's switches ends in `record`: in one transaction it
writes the comment's history, the admin's log entry (in the moderator's
language), the stored counts of published and removed comments, and retires
the cached pages that show them. Nothing else writes those four. Once the
transaction commits, the apps listening to `extensions.after_change` hear of
it (replies by e-mail).
"""

import enum
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from functools import partial

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import User
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from articles import page_cache
from articles.models import Article
from webhooks import delivery as webhooks
from webhooks.models import Event

from .. import extensions
from ..alerts import card_url
from ..models import Comment, CommentStatus, ModerationEvent

# The status of a comment that does not exist (yet, or any more).
GONE = ""

# A step's reason, rule or detail: the same for every comment, or read from
# each (imports keep each comment's own).
StepField = str | Callable[[Comment], str]


class Retire(enum.Enum):
    """Which cached pages a change shows on."""

    NOTHING = "nothing"
    STORIES = "stories"
    # Counts of comments show on every page ("most discussed"): rare changes
    # that move them, or the site's switches, retire every page.
    SITE = "site"


def record(
    comments: Sequence[Comment],
    *,
    action: str = "",
    by: User | None = None,
    to: str | None = None,
    was: str | None = None,
    reason: StepField = "",
    rule: StepField = "",
    detail: StepField = "",
    previous_body: str = "",
    at: datetime | None = None,
    logged: Sequence[models.Model] | None = None,
    log_flag: int = CHANGE,
    message: str = "",
    retire: Retire = Retire.STORIES,
    told: bool = True,
) -> None:
    """Write down a change to these comments (or to what logged names).

    action: the step added to each comment's history (none when empty: a
    comment published as posted, or deleted with its history).
    by: the moderator; the admin's log names them, with message (the
    action's name by default), about logged (the comments by default).
    to: the comments' status now, when it changed; was, their status before
    when it is not the one they still carry (GONE for a new comment). The
    stored counts follow, and the history keeps the status before (and
    previous_body, the text before a poster's edit).
    told: whether the apps listening to extensions.after_change hear of it
    once it commits.
    """
    # Inside a caller's transaction, part of it: a failure here undoes the
    # whole change (and no savepoint costs two statements on every post).
    with transaction.atomic(savepoint=False):
        if action:
            ModerationEvent.objects.bulk_create(
                ModerationEvent(
                    comment=comment,
                    action=action,
                    moderator=by,
                    reason=_for(comment, reason),
                    rule=_for(comment, rule),
                    detail=_for(comment, detail),
                    previous_body=previous_body,
                    previous_status=(_before(comment, was) if to is not None else ""),
                    **({"created_at": at} if at else {}),
                )
                for comment in comments
            )
        if by is not None:
            subjects = list(comments if logged is None else logged)
            if subjects:
                LogEntry.objects.log_actions(
                    user_id=by.pk,
                    queryset=subjects,
                    action_flag=log_flag,
                    change_message=message or _name_of(action),
                )
        if to is not None:
            _count(status_changes(comments, to=to, was=was))
        if retire == Retire.SITE:
            page_cache.invalidate_site()
        elif retire == Retire.STORIES:
            _retire_stories(comments)
        if told and action in EVENTS:
            _tell_webhooks(comments, EVENTS[action], action=action, by=by, to=to)
        if told and comments and (action or to is not None):
            changed = list(comments)
            for listener in extensions.after_change:
                transaction.on_commit(partial(listener, changed, action, to))


# The steps the newsroom's own tools may hear of (webhooks).
EVENTS: dict[str, Event] = {
    ModerationEvent.Action.HELD: Event.HELD,
    ModerationEvent.Action.APPROVED: Event.DECIDED,
    ModerationEvent.Action.REMOVED: Event.DECIDED,
    ModerationEvent.Action.RESTORED: Event.DECIDED,
    ModerationEvent.Action.UNDONE: Event.DECIDED,
    ModerationEvent.Action.PICKED: Event.PICKED,
}


def _tell_webhooks(
    comments: Sequence[Comment],
    event: Event,
    *,
    action: str,
    by: User | None,
    to: str | None,
) -> None:
    """One event per comment, stored with the change (sent once it commits).
    What a tool needs to find the comment, never its text or its poster."""
    webhooks.send(
        event,
        *(event_data(comment, action=action, by=by, to=to) for comment in comments),
    )


def event_data(
    comment: Comment,
    *,
    action: str = "",
    by: User | None = None,
    to: str | None = None,
) -> dict:
    return {
        "comment": {
            "id": comment.pk,
            "story_id": comment.article_id,
            "status": to if to is not None else comment.status,
            "hold_rule": comment.hold_rule,
            "removal_reason": comment.removal_reason,
            "admin_url": card_url(comment),
        },
        "action": action,
        "moderator": by.get_username() if by is not None else None,
        "at": timezone.now().isoformat(),
    }


def _name_of(action: str) -> str:
    return str(ModerationEvent.Action(action).label) if action else ""


def _for(comment: Comment, field: StepField) -> str:
    return field(comment) if callable(field) else field


def _before(comment: Comment, was: str | None) -> str:
    return comment.status if was is None else was


def status_changes(
    comments: Sequence[Comment], *, to: str, was: str | None = None
) -> Counter[tuple[str, int]]:
    """How the stored counts change when these comments go from their
    status (or was) to another (GONE: stored, or deleted): each story's
    published comments, each thread's published replies and its removed
    ones readers had seen (which leave a line in their place)."""
    changes: Counter[tuple[str, int]] = Counter()
    for comment in comments:
        before = _before(comment, was)
        published = int(to == CommentStatus.PUBLISHED) - int(
            before == CommentStatus.PUBLISHED
        )
        changes[("story", comment.article_id)] += published
        if comment.parent_id:
            changes[("thread", comment.parent_id)] += published
            # Only a reply readers saw leaves a line when it is removed.
            changes[("removed_replies", comment.parent_id)] += comment.was_public * (
                int(to == CommentStatus.REMOVED) - int(before == CommentStatus.REMOVED)
            )
    return changes


COUNTERS = {
    "thread": "reply_count",
    "removed_replies": "removed_reply_count",
}


def _count(changes: Counter[tuple[str, int]]) -> None:
    # F() increments: exact under concurrent transactions, unlike a
    # recount, which would miss rows another transaction has not committed.
    for (kind, pk), change in changes.items():
        if not change:
            continue
        if kind == "story":
            Article.objects.filter(pk=pk).update(
                comment_count=F("comment_count") + change
            )
        else:
            counter = COUNTERS[kind]
            Comment.objects.filter(pk=pk).update(**{counter: F(counter) + change})


def _retire_stories(comments: Sequence[Comment]) -> None:
    if all(Comment.article.is_cached(comment) for comment in comments):
        slugs = {comment.article.slug for comment in comments}
    else:
        article_ids = {comment.article_id for comment in comments}
        slugs = set(
            Article.objects.filter(pk__in=article_ids).values_list("slug", flat=True)
        )
    for slug in slugs:
        page_cache.invalidate_comments(slug)


def ids_of(objects: Iterable[models.Model]) -> list[int]:
    return [each.pk for each in objects]

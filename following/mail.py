"""The mails of replies by e-mail: the confirmation, and the replies.

The task worker sends replies (`send_reply_mails`), started when a comment
is published or picked (`after_change`). Each follow gets at most one
message every few minutes (NEWSROOM_REPLY_DIGEST_MINUTES): the first reply
goes at once, replies that come faster wait and go together as a digest.
A message names only comments published at the time it is written, on
stories readers can see, never one of the follower's own, and each comment
once: a claim on the follow's row (a conditional update) makes two workers
send it once. Every message carries a one-click unsubscribe (RFC 8058) and
a link to the page of everything the address follows.
"""

import logging
from collections.abc import Sequence
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.db.models import Exists, OuterRef, Q
from django.tasks import default_task_backend, task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import Article
from comments.models import Comment, CommentStatus, ModerationEvent
from protection.outages import without_cache

from .links import confirm_token, manage_token, stop_token
from .models import Follow, Follower, Mailed

logger = logging.getLogger(__name__)


def digest_window() -> timedelta:
    return timedelta(minutes=settings.NEWSROOM_REPLY_DIGEST_MINUTES)


def absolute(path: str) -> str:
    return settings.NEWSROOM_SITE_URL + path


def after_change(comments: Sequence[Comment], action: str, to: str | None) -> None:
    """A comment was published or picked: mail whoever follows it."""
    picked = action == ModerationEvent.Action.PICKED
    if to != CommentStatus.PUBLISHED and not picked:
        return
    if picked:
        followed = Q(comment__in=[c.pk for c in comments])
    else:
        answered = {c.parent_id for c in comments} | {c.reply_to_id for c in comments}
        followed = Q(comment__in=answered - {None}) | Q(
            article__in={c.article_id for c in comments}
        )
    if Follow.objects.confirmed().filter(followed).exists():
        send_reply_mails.enqueue(sorted({c.article_id for c in comments}))


@task
def send_reply_mails(stories: list[int] | None = None) -> int:
    """Mail each follow of these stories (of every story: None) what is new
    for it, unless it was mailed within the digest window (then once the
    window ends); returns how many messages."""
    now = timezone.now()
    sent = 0
    later = None
    follows = Follow.objects.confirmed().select_related(
        "follower", "comment__article", "article"
    )
    if stories is not None:
        follows = follows.filter(
            Q(article__in=stories) | Q(comment__article__in=stories)
        )
    for follow in follows:
        news, picked = new_for(follow), newly_picked(follow)
        if not news and not picked:
            continue
        if follow.last_mailed_at and now - follow.last_mailed_at < digest_window():
            due = follow.last_mailed_at + digest_window()
            later = min(later or due, due)
            continue
        # The claim: only one worker moves last_mailed_at from what it read.
        claimed = Follow.objects.filter(
            pk=follow.pk, last_mailed_at=follow.last_mailed_at
        ).update(last_mailed_at=now)
        if not claimed:
            continue
        told = [*news, *([follow.comment] if picked else [])]
        Mailed.objects.bulk_create(
            [Mailed(follow=follow, comment=comment) for comment in told],
            ignore_conflicts=True,
        )
        sent += _send_replies(follow, news, picked=picked)
    if later:
        _follow_up(later, stories)
    return sent


def _follow_up(when, stories: list[int] | None) -> None:
    """Send what waits for the digest when its window ends: one run, however
    many replies came during it (without a worker, the next reply sends it)."""
    if not default_task_backend.supports_defer:
        return
    first = True
    with without_cache("reply digests may be scheduled twice"):
        key = f"following:digest:{when.isoformat()}:{stories}"
        seconds = max(1, int((when - timezone.now()).total_seconds()))
        first = cache.add(key, True, seconds)
    if first:
        send_reply_mails.using(run_after=when).enqueue(stories)


def new_for(follow: Follow) -> list[Comment]:
    """Published comments this follow has not been told of, oldest first."""
    # The follower's own comments: those they follow, and in a thread, those
    # under the followed comment's name.
    own = Q(
        pk__in=Follow.objects.filter(follower=follow.follower_id)
        .exclude(comment=None)
        .values("comment")
    )
    if follow.comment_id:
        comment = follow.comment
        assert comment is not None
        where = Q(reply_to=comment.pk)
        if not comment.parent_id:
            where |= Q(parent=comment.pk)
        own |= Q(user_name=comment.user_name)
    else:
        where = Q(article=follow.article_id)
    told = Mailed.objects.filter(follow=follow, comment=OuterRef("pk"))
    return list(
        Comment.objects.published()
        .filter(where, created_at__gt=follow.created_at)
        .filter(article__in=Article.objects.published())
        .exclude(own)
        .exclude(Exists(told))
        .select_related("article", "reply_to")
        .order_by("created_at", "id")[: settings.NEWSROOM_REPLY_DIGEST_MOST]
    )


def newly_picked(follow: Follow) -> bool:
    """The followed comment became an editors' pick since it was told so
    (a Mailed row naming the comment itself records that it was)."""
    comment = follow.comment
    return bool(
        comment
        and comment.is_pick
        and comment.status == CommentStatus.PUBLISHED
        and Article.objects.published().filter(pk=comment.article_id).exists()
        and not Mailed.objects.filter(follow=follow, comment=comment).exists()
    )


def _send_replies(follow: Follow, news: list[Comment], *, picked: bool) -> int:
    story = follow.article or follow.comment.article  # type: ignore[union-attr]
    stop_url = absolute(reverse("following:stop", kwargs={"token": stop_token(follow)}))
    context = {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "story": story,
        "story_url": absolute(story.get_absolute_url()),
        "follow": follow,
        "comments": [
            {"comment": comment, "url": absolute(comment.get_absolute_url())}
            for comment in news
        ],
        "picked": picked,
        "stop_url": stop_url,
        "manage_url": absolute(
            reverse(
                "following:manage",
                kwargs={"token": manage_token(follow.follower.email)},
            )
        ),
    }
    return _send(
        follow.follower,
        "replies",
        context,
        unsubscribe_url=stop_url,
    )


def send_confirmation(follower: Follower) -> int:
    manage_url = absolute(
        reverse("following:manage", kwargs={"token": manage_token(follower.email)})
    )
    context = {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "confirm_url": absolute(
            reverse("following:confirm", kwargs={"token": confirm_token(follower)})
        ),
        "manage_url": manage_url,
    }
    return _send(follower, "confirm", context, unsubscribe_url=manage_url)


def send_name_link(follower: Follower, *, user_name: str, token: str) -> int:
    manage_url = absolute(
        reverse("following:manage", kwargs={"token": manage_token(follower.email)})
    )
    context = {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "user_name": user_name,
        "confirm_url": absolute(
            reverse("following:name_confirm", kwargs={"token": token})
        ),
        "manage_url": manage_url,
    }
    return _send(follower, "name", context, unsubscribe_url=manage_url)


def _send(follower: Follower, kind: str, context: dict, *, unsubscribe_url: str) -> int:
    # In the language the reader followed in.
    with translation.override(follower.language or settings.LANGUAGE_CODE):
        message = EmailMessage(
            subject=" ".join(
                render_to_string(f"following/email/{kind}_subject.txt", context).split()
            ),
            body=render_to_string(f"following/email/{kind}.txt", context),
            to=[follower.email],
            headers={
                # RFC 8058: mail programs can unsubscribe with one click.
                "List-Unsubscribe": f"<{unsubscribe_url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
    try:
        return message.send()
    except Exception:
        logger.exception("Could not send a %s mail", kind)
        return 0

"""What the API says about comments and stories: only what a reader sees on
the page. A comment that is not published is a line with why (held,
removed, erased, deleted by its author) where the page shows one, never its
name or text; no address, browser or history is ever part of an answer."""

from typing import Any

from django.conf import settings

from articles.models import Article
from comments import switches
from comments.models import Comment, CommentStatus
from comments.threads import Thread


def absolute(path: str) -> str:
    return settings.NEWSROOM_SITE_URL + path


def story(article: Article) -> dict[str, Any]:
    return {
        "slug": article.slug,
        "headline": article.headline,
        "url": absolute(article.get_absolute_url()),
        "comment_count": article.comment_count,
        "comments_open": switches.accepts_comments(article, switches.current()),
    }


def comment(item: Comment) -> dict[str, Any]:
    if item.erased_at:
        return {"id": item.pk, "gone": "erased"}
    if item.withdrawn_at:
        return {"id": item.pk, "gone": "deleted_by_author"}
    if item.status == CommentStatus.REMOVED:
        return {"id": item.pk, "gone": "removed", "reason": item.removal_reason}
    if item.status != CommentStatus.PUBLISHED:
        return {"id": item.pk, "gone": "held"}
    return {
        "id": item.pk,
        "url": absolute(item.get_absolute_url()),
        "user_name": item.user_name,
        "text": item.body,
        "posted_at": item.created_at.isoformat(),
        "edited_at": item.edited_at.isoformat() if item.edited_at else None,
        "badge": item.voice or None,
        "editors_pick": item.is_pick,
        "recommendations": item.recommend_count,
        # The name only when the page shows it: a reply under the comment
        # it answers does not repeat it.
        "in_reply_to": {
            "id": item.reply_to_id,
            "user_name": getattr(item, "answers_name", "") or None,
        }
        if item.reply_to_id
        else None,
    }


def thread(item: Thread) -> dict[str, Any]:
    return {
        **comment(item.comment),
        "replies": [comment(reply) for reply in item.replies],
        "more_replies": item.more_replies,
    }


def latest(item: Comment) -> dict[str, Any]:
    return {
        **comment(item),
        "story": {
            "slug": item.article.slug,
            "headline": item.article.headline,
            "url": absolute(item.article.get_absolute_url()),
        },
    }

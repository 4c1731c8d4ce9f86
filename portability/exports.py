"""Every story's comments, with their history, written out: as JSON Lines
(our own format, which imports.py reads back whole) or as a WordPress WXR
file another system can import.

Both stream: comments are read a chunk at a time, story by story, and
written as they are read, so an export of any size takes the same memory.
"""

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import IO, Any
from xml.sax.saxutils import XMLGenerator
from xml.sax.xmlreader import AttributesImpl

import regex
from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.html import escape, linebreaks

from articles.models import Article
from comments.models import Comment, CommentStatus, ModerationEvent, Reason

from .sources import (
    CONTENT,
    ERASED_AT_META,
    HISTORY_META,
    NEWSROOM_FORMAT,
    REMOVAL_REASON_META,
)

CHUNK = 2000
WXR = "http://wordpress.org/export/1.2/"
DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"
# XML 1.0 cannot carry these, even escaped.
NOT_IN_XML = regex.compile(r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def comments_to_export() -> Iterator[Comment]:
    """Every comment with its story and history, story by story, each
    story's comments in the order they were stored."""
    history = ModerationEvent.objects.select_related("moderator").order_by(
        "created_at", "id"
    )
    return (
        Comment.objects.select_related("article", "author")
        .prefetch_related(Prefetch("history", queryset=history))
        .order_by("article_id", "id")
        .iterator(chunk_size=CHUNK)
    )


def story_url(article: Article) -> str:
    return settings.NEWSROOM_SITE_URL + article.get_absolute_url()


def _moment(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def as_record(comment: Comment) -> dict[str, Any]:
    return {
        "id": comment.pk,
        "story": {
            "slug": comment.article.slug,
            "headline": comment.article.headline,
            "url": story_url(comment.article),
        },
        "thread": comment.parent_id,
        "reply_to": comment.reply_to_id,
        "user_name": comment.user_name,
        "text": comment.body,
        "posted_at": _moment(comment.created_at),
        "status": comment.status,
        "removal_reason": comment.removal_reason,
        "held_by_rule": comment.hold_rule,
        "rule_detail": comment.hold_detail,
        "ip_address": comment.ip_address,
        "user_agent": comment.user_agent,
        "badge": comment.voice,
        "staff_author": comment.author.get_username() if comment.author else None,
        "editors_pick": comment.is_pick,
        "recommendations": comment.recommend_count,
        "erased_at": _moment(comment.erased_at),
        "seen_by_readers": comment.was_public,
        "history": [
            {
                "action": event.action,
                "moderator": event.moderator.get_username()
                if event.moderator
                else None,
                "reason": event.reason,
                "rule": event.rule,
                "detail": event.detail,
                "status_before": event.previous_status,
                "at": _moment(event.created_at),
            }
            for event in comment.history.all()
        ],
    }


def write_json_lines(out: IO[bytes]) -> int:
    """Our own format: a line describing the file, then a comment a line.
    Returns how many comments were written."""
    header = {
        "format": NEWSROOM_FORMAT,
        "version": 1,
        "site": settings.NEWSROOM_SITE_URL,
        "exported_at": timezone.now().isoformat(),
    }
    out.write(json.dumps(header).encode() + b"\n")
    written = 0
    for comment in comments_to_export():
        out.write(json.dumps(as_record(comment), ensure_ascii=False).encode() + b"\n")
        written += 1
    return written


# Our statuses as WordPress's comment_approved.
WORDPRESS_APPROVED = {
    CommentStatus.PUBLISHED: "1",
    CommentStatus.HELD: "0",
    CommentStatus.REMOVED: "trash",
}


class _WxrWriter:
    def __init__(self, out: IO[bytes]):
        self.xml = XMLGenerator(out, encoding="utf-8", short_empty_elements=True)

    def element(self, name: str, value: Any = "", attrs: dict | None = None) -> None:
        self.xml.startElement(name, AttributesImpl(attrs or {}))
        if value not in ("", None):
            self.xml.characters(NOT_IN_XML.sub("", str(value)))
        self.xml.endElement(name)

    def start(self, name: str, attrs: dict | None = None) -> None:
        self.xml.startElement(name, AttributesImpl(attrs or {}))

    def end(self, name: str) -> None:
        self.xml.endElement(name)
        self.xml.ignorableWhitespace("\n")


def _wp_time(value: datetime, *, gmt: bool) -> str:
    moment = value.astimezone(UTC) if gmt else timezone.localtime(value)
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def write_wxr(out: IO[bytes]) -> int:
    """A WordPress export (WXR 1.2): an item per story that has comments,
    each comment with its status, thread, address, and our history and
    removal reason as comment metadata. Returns how many were written."""
    wxr = _WxrWriter(out)
    wxr.xml.startDocument()
    wxr.start(
        "rss",
        {
            "version": "2.0",
            "xmlns:content": CONTENT,
            "xmlns:dc": DUBLIN_CORE,
            "xmlns:wp": WXR,
        },
    )
    wxr.start("channel")
    wxr.element("title", settings.NEWSROOM_SITE_NAME)
    wxr.element("link", settings.NEWSROOM_SITE_URL)
    wxr.element("description", str(settings.NEWSROOM_SITE_TAGLINE))
    wxr.element("wp:wxr_version", "1.2")
    wxr.element("wp:base_site_url", settings.NEWSROOM_SITE_URL)
    wxr.element("wp:base_blog_url", settings.NEWSROOM_SITE_URL)
    story = None
    written = 0
    for comment in comments_to_export():
        if comment.article != story:
            if story is not None:
                wxr.end("item")
            story = comment.article
            _write_story(wxr, story)
        _write_comment(wxr, comment)
        written += 1
    if story is not None:
        wxr.end("item")
    wxr.end("channel")
    wxr.end("rss")
    wxr.xml.endDocument()
    return written


def _write_story(wxr: _WxrWriter, story: Article) -> None:
    wxr.start("item")
    wxr.element("title", story.headline)
    wxr.element("link", story_url(story))
    wxr.element("guid", story_url(story), {"isPermaLink": "true"})
    wxr.element("dc:creator", story.byline)
    wxr.element("content:encoded", linebreaks(escape(story.summary)))
    wxr.element("wp:post_id", story.pk)
    if story.published_at:
        wxr.element("wp:post_date", _wp_time(story.published_at, gmt=False))
        wxr.element("wp:post_date_gmt", _wp_time(story.published_at, gmt=True))
    wxr.element("wp:post_name", story.slug)
    wxr.element(
        "wp:status", "publish" if story.status == Article.Status.PUBLISHED else "draft"
    )
    wxr.element("wp:post_type", "post")
    wxr.element("wp:comment_status", "open" if story.comments_open else "closed")


def _write_comment(wxr: _WxrWriter, comment: Comment) -> None:
    wxr.start("wp:comment")
    wxr.element("wp:comment_id", comment.pk)
    wxr.element("wp:comment_author", comment.user_name)
    wxr.element("wp:comment_author_email")
    wxr.element("wp:comment_author_url")
    wxr.element("wp:comment_author_IP", comment.ip_address or "")
    wxr.element("wp:comment_date", _wp_time(comment.created_at, gmt=False))
    wxr.element("wp:comment_date_gmt", _wp_time(comment.created_at, gmt=True))
    wxr.element("wp:comment_content", linebreaks(escape(comment.body)))
    approved = WORDPRESS_APPROVED[CommentStatus(comment.status)]
    if comment.removal_reason == Reason.SPAM:
        approved = "spam"
    wxr.element("wp:comment_approved", approved)
    wxr.element("wp:comment_agent", comment.user_agent)
    wxr.element("wp:comment_type", "comment")
    wxr.element("wp:comment_parent", comment.reply_to_id or comment.parent_id or 0)
    wxr.element("wp:comment_user_id", 0)
    meta = {HISTORY_META: json.dumps(as_record(comment)["history"])}
    if comment.removal_reason:
        meta[REMOVAL_REASON_META] = comment.removal_reason
    if comment.erased_at:
        meta[ERASED_AT_META] = comment.erased_at.isoformat()
    for key, value in meta.items():
        wxr.start("wp:commentmeta")
        wxr.element("wp:meta_key", key)
        wxr.element("wp:meta_value", value)
        wxr.end("wp:commentmeta")
    wxr.end("wp:comment")


WRITERS = {"jsonl": write_json_lines, "wxr": write_wxr}

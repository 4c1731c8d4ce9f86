"""WordPress's WXR export."""

import json
from collections.abc import Iterator
from typing import IO
from xml.etree.ElementTree import Element

from django.utils import timezone
from django.utils.dateparse import parse_datetime

from comments.models import CommentStatus, HoldRule, Reason

from ..plain_text import html_to_text
from .common import (
    ERASED_AT_META,
    HISTORY_META,
    REMOVAL_REASON_META,
    WORDPRESS_PREFIX,
    CountingReader,
    ForeignComment,
    ForeignThread,
    Item,
    UnreadableComment,
    UnreadableExport,
    child_text,
    parse_time,
    split_tag,
    stream_elements,
)

# WordPress's comment_approved: "1", "0", "spam", "trash", "post-trashed".
WORDPRESS_STATUSES = {
    "1": (CommentStatus.PUBLISHED, ""),
    "approve": (CommentStatus.PUBLISHED, ""),
    "0": (CommentStatus.HELD, ""),
    "hold": (CommentStatus.HELD, ""),
    "spam": (CommentStatus.REMOVED, Reason.SPAM),
    "trash": (CommentStatus.REMOVED, Reason.OTHER),
    "post-trashed": (CommentStatus.REMOVED, Reason.OTHER),
}
# Pingbacks and trackbacks are notices from other sites, not readers' words.
WORDPRESS_COMMENT_TYPES = {"", "comment"}


class WordPressReader:
    """WordPress's export (WXR): an RSS <channel> of <item>s, each a post
    or page holding its <wp:comment>s."""

    label = "WordPress"

    def __init__(self, stream: IO[bytes]):
        self.source = CountingReader(stream)
        self.origin = "wordpress"
        self.skipped_types = 0

    def items(self) -> Iterator[Item]:
        # rss > channel > item
        for element, root in stream_elements(self.source, depth=2):
            if split_tag(root)[1] != "rss":
                raise UnreadableExport("this is not a WordPress export (WXR)")
            namespace, name = split_tag(element.tag)
            if name == "base_site_url" and namespace.startswith(WORDPRESS_PREFIX):
                self.origin = f"wordpress:{(element.text or '').strip()}"
            elif name == "item":
                yield from self._item(element)

    def _item(self, item: Element) -> Iterator[Item]:
        post_id = self._wp(item, "post_id")
        key = post_id or child_text(item, "link")
        yield ForeignThread(
            key=key,
            title=child_text(item, "title"),
            link=child_text(item, "link"),
            identifiers=[
                value for value in (self._wp(item, "post_name"), post_id) if value
            ],
        )
        for element in item:
            namespace, name = split_tag(element.tag)
            if name != "comment" or not namespace.startswith(WORDPRESS_PREFIX):
                continue
            if self._wp(element, "comment_type") not in WORDPRESS_COMMENT_TYPES:
                self.skipped_types += 1
                continue
            try:
                comment = self._comment(element, thread=key)
            except ValueError as error:
                yield UnreadableComment(self._wp(element, "comment_id"), str(error))
            else:
                yield comment

    def _wp(self, element: Element, name: str) -> str:
        for child in element:
            namespace, local = split_tag(child.tag)
            if local == name and namespace.startswith(WORDPRESS_PREFIX):
                return (child.text or "").strip()
        return ""

    def _comment(self, element: Element, *, thread: str) -> ForeignComment:
        approved = self._wp(element, "comment_approved").lower()
        status, reason = WORDPRESS_STATUSES.get(approved, (CommentStatus.HELD, ""))
        meta = {
            self._wp(entry, "meta_key"): self._wp(entry, "meta_value")
            for entry in element
            if split_tag(entry.tag)[1] == "commentmeta"
        }
        if status == CommentStatus.REMOVED and meta.get(REMOVAL_REASON_META) in (
            Reason.values
        ):
            reason = meta[REMOVAL_REASON_META]
        gmt = self._wp(element, "comment_date_gmt")
        if gmt and not gmt.startswith("0000"):
            created_at = parse_time(gmt)
        else:
            local_time = parse_datetime(self._wp(element, "comment_date"))
            if local_time is None:
                raise ValueError("it has no date")
            created_at = timezone.make_aware(local_time)
        parent = self._wp(element, "comment_parent")
        return ForeignComment(
            key=self._wp(element, "comment_id"),
            thread=thread,
            parent="" if parent in {"", "0"} else parent,
            user_name=self._wp(element, "comment_author"),
            body=html_to_text(self._wp(element, "comment_content")),
            created_at=created_at,
            status=status,
            removal_reason=reason,
            hold_rule=HoldRule.IMPORTED if status == CommentStatus.HELD else "",
            ip_address=self._wp(element, "comment_author_IP") or None,
            user_agent=self._wp(element, "comment_agent"),
            erased_at=parse_time(meta[ERASED_AT_META])
            if meta.get(ERASED_AT_META)
            else None,
            history=json.loads(meta.get(HISTORY_META) or "[]"),
        )

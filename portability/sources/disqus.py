"""Disqus's XML export."""

from collections.abc import Iterator
from typing import IO
from xml.etree.ElementTree import Element

from comments.models import CommentStatus, HoldRule, Reason

from ..plain_text import html_to_text
from .common import (
    DISQUS,
    DISQUS_INTERNALS,
    CountingReader,
    ForeignComment,
    ForeignThread,
    Item,
    UnreadableComment,
    UnreadableExport,
    child_text,
    first_child,
    is_true,
    parse_time,
    split_tag,
    stream_elements,
)


class DisqusReader:
    """Disqus's export: <thread> elements, then <post> elements, each post
    naming its thread and the post it answers by their dsq:id (or, in the
    custom format, by their <id>)."""

    label = "Disqus"

    def __init__(self, stream: IO[bytes]):
        self.source = CountingReader(stream)
        self.origin = "disqus"
        self._thread_ids: dict[str, str] = {}
        self._post_ids: dict[str, str] = {}

    def items(self) -> Iterator[Item]:
        for element, root in stream_elements(self.source, depth=1):
            if split_tag(root) != (DISQUS, "disqus"):
                raise UnreadableExport("this is not a Disqus export")
            name = split_tag(element.tag)[1]
            forum = child_text(element, "forum")
            if forum and self.origin == "disqus":
                self.origin = f"disqus:{forum}"
            if name == "thread":
                yield self._thread(element)
            elif name == "post":
                try:
                    post = self._post(element)
                except ValueError as error:
                    key = element.get(f"{{{DISQUS_INTERNALS}}}id", "")
                    yield UnreadableComment(key, str(error))
                else:
                    yield post

    def _thread(self, element: Element) -> ForeignThread:
        key = element.get(f"{{{DISQUS_INTERNALS}}}id") or child_text(element, "id")
        identifier = child_text(element, "id")
        if identifier:
            self._thread_ids[identifier] = key
        return ForeignThread(
            key=key,
            title=child_text(element, "title"),
            link=child_text(element, "link"),
            identifiers=[identifier] if identifier else [],
        )

    def _reference(self, element: Element | None, known: dict[str, str]) -> str:
        if element is None:
            return ""
        return element.get(f"{{{DISQUS_INTERNALS}}}id") or known.get(
            (element.text or "").strip(), (element.text or "").strip()
        )

    def _post(self, element: Element) -> ForeignComment:
        key = element.get(f"{{{DISQUS_INTERNALS}}}id") or child_text(element, "id")
        own_id = child_text(element, "id")
        if own_id:
            self._post_ids[own_id] = key
        author = first_child(element, "author")
        status, reason = CommentStatus.PUBLISHED, ""
        if is_true(child_text(element, "isSpam")):
            status, reason = CommentStatus.REMOVED, Reason.SPAM
        elif is_true(child_text(element, "isDeleted")):
            status, reason = CommentStatus.REMOVED, Reason.OTHER
        elif child_text(element, "isApproved").lower() == "false":
            status = CommentStatus.HELD
        return ForeignComment(
            key=key,
            thread=self._reference(first_child(element, "thread"), self._thread_ids),
            parent=self._reference(first_child(element, "parent"), self._post_ids),
            user_name=(
                child_text(author, "name") or child_text(author, "username")
                if author is not None
                else ""
            ),
            body=html_to_text(child_text(element, "message")),
            created_at=parse_time(child_text(element, "createdAt")),
            status=status,
            removal_reason=reason,
            hold_rule=HoldRule.IMPORTED if status == CommentStatus.HELD else "",
            ip_address=child_text(element, "ipAddress") or None,
            is_pick=is_true(child_text(element, "isHighlighted")),
        )

"""Reading comment exports: Disqus's XML, WordPress's WXR and our own JSON
Lines, each as a stream of the threads and comments it holds.

Every reader streams: XML through defusedxml's iterparse, which refuses
entity declarations (no "billion laughs", no external files), each element
dropped once it is read; JSON Lines a line at a time. A file of any size
is read in the same memory. What a reader yields is plain data: matching
threads to stories and storing comments is imports.py's work.
"""

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import IO, Any
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from comments.models import CommentStatus, HoldRule, Reason

from .plain_text import html_to_text

DISQUS = "http://disqus.com"
DISQUS_INTERNALS = "http://disqus.com/disqus-internals"
WORDPRESS_PREFIX = "http://wordpress.org/export/"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
NEWSROOM_FORMAT = "newsroom-comments"
# Comment metadata our WXR export adds, so that it comes back whole.
HISTORY_META = "newsroom_history"
REMOVAL_REASON_META = "newsroom_removal_reason"
ERASED_AT_META = "newsroom_erased_at"


class UnreadableExport(Exception):
    """The file is not an export of the kind it was said to be."""


@dataclass
class ForeignThread:
    """A page that had comments in the other system."""

    key: str
    title: str = ""
    link: str = ""
    # Other names it went by there: Disqus's identifier, WordPress's post
    # slug and number, our own slug.
    identifiers: list[str] = field(default_factory=list)


@dataclass
class ForeignComment:
    key: str
    thread: str
    parent: str
    user_name: str
    body: str
    created_at: datetime
    status: CommentStatus
    removal_reason: str = ""
    hold_rule: str = ""
    hold_detail: str = ""
    ip_address: str | None = None
    user_agent: str = ""
    is_pick: bool = False
    recommend_count: int = 0
    erased_at: datetime | None = None
    # Our own exports' staff comments: the account's user name and badge.
    author: str = ""
    voice: str = ""
    # Our own exports' history, as written by exports.py.
    history: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class UnreadableComment:
    """A comment the reader could not make sense of: reported, not stored."""

    key: str
    problem: str


Item = ForeignThread | ForeignComment | UnreadableComment


class CountingReader:
    """A binary file that counts the bytes read from it, for progress."""

    def __init__(self, stream: IO[bytes]):
        self.stream = stream
        self.bytes_read = 0

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.bytes_read += len(data)
        return data

    def readline(self, size: int = -1) -> bytes:
        line = self.stream.readline(size)
        self.bytes_read += len(line)
        return line


def _local(tag: str) -> tuple[str, str]:
    """(namespace, name) of an element's tag."""
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, name
    return "", tag


def _child_text(element: Element, name: str) -> str:
    for child in element:
        if _local(child.tag)[1] == name:
            return (child.text or "").strip()
    return ""


def _child(element: Element, name: str) -> Element | None:
    for child in element:
        if _local(child.tag)[1] == name:
            return child
    return None


def _true(value: str) -> bool:
    return value.strip().lower() in {"true", "1"}


def _aware(value: datetime) -> datetime:
    if timezone.is_naive(value):
        return value.replace(tzinfo=UTC)
    return value


def parse_time(value: str) -> datetime:
    parsed = parse_datetime(value.strip().replace("Z", "+00:00")) if value else None
    if parsed is None:
        raise ValueError(f"not a date: {value[:40]!r}")
    return _aware(parsed)


def _elements(source: CountingReader, *, depth: int) -> Iterator[tuple[Element, str]]:
    """Each element at this depth below the root once it is read whole, with
    the root's tag; dropped from the tree once the caller has looked at it,
    so that the tree never holds more than one of them."""
    stack: list[Element] = []
    try:
        for event, element in iterparse(
            source, events=("start", "end"), forbid_dtd=True
        ):
            if event == "start":
                stack.append(element)
                continue
            stack.pop()
            if len(stack) == depth:
                yield element, stack[0].tag
                stack[-1].remove(element)
    except SyntaxError as error:  # ElementTree's ParseError
        raise UnreadableExport(f"not well-formed XML: {error}") from error
    except DefusedXmlException as error:
        raise UnreadableExport(
            f"it declares entities or a document type, which are refused: {error}"
        ) from error


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
        for element, root in _elements(self.source, depth=1):
            if _local(root) != (DISQUS, "disqus"):
                raise UnreadableExport("this is not a Disqus export")
            name = _local(element.tag)[1]
            forum = _child_text(element, "forum")
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
        key = element.get(f"{{{DISQUS_INTERNALS}}}id") or _child_text(element, "id")
        identifier = _child_text(element, "id")
        if identifier:
            self._thread_ids[identifier] = key
        return ForeignThread(
            key=key,
            title=_child_text(element, "title"),
            link=_child_text(element, "link"),
            identifiers=[identifier] if identifier else [],
        )

    def _reference(self, element: Element | None, known: dict[str, str]) -> str:
        if element is None:
            return ""
        return element.get(f"{{{DISQUS_INTERNALS}}}id") or known.get(
            (element.text or "").strip(), (element.text or "").strip()
        )

    def _post(self, element: Element) -> ForeignComment:
        key = element.get(f"{{{DISQUS_INTERNALS}}}id") or _child_text(element, "id")
        own_id = _child_text(element, "id")
        if own_id:
            self._post_ids[own_id] = key
        author = _child(element, "author")
        status, reason = CommentStatus.PUBLISHED, ""
        if _true(_child_text(element, "isSpam")):
            status, reason = CommentStatus.REMOVED, Reason.SPAM
        elif _true(_child_text(element, "isDeleted")):
            status, reason = CommentStatus.REMOVED, Reason.OTHER
        elif _child_text(element, "isApproved").lower() == "false":
            status = CommentStatus.HELD
        return ForeignComment(
            key=key,
            thread=self._reference(_child(element, "thread"), self._thread_ids),
            parent=self._reference(_child(element, "parent"), self._post_ids),
            user_name=(
                _child_text(author, "name") or _child_text(author, "username")
                if author is not None
                else ""
            ),
            body=html_to_text(_child_text(element, "message")),
            created_at=parse_time(_child_text(element, "createdAt")),
            status=status,
            removal_reason=reason,
            hold_rule=HoldRule.IMPORTED if status == CommentStatus.HELD else "",
            ip_address=_child_text(element, "ipAddress") or None,
            is_pick=_true(_child_text(element, "isHighlighted")),
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
        for element, root in _elements(self.source, depth=2):
            if _local(root)[1] != "rss":
                raise UnreadableExport("this is not a WordPress export (WXR)")
            namespace, name = _local(element.tag)
            if name == "base_site_url" and namespace.startswith(WORDPRESS_PREFIX):
                self.origin = f"wordpress:{(element.text or '').strip()}"
            elif name == "item":
                yield from self._item(element)

    def _item(self, item: Element) -> Iterator[Item]:
        post_id = self._wp(item, "post_id")
        key = post_id or _child_text(item, "link")
        yield ForeignThread(
            key=key,
            title=_child_text(item, "title"),
            link=_child_text(item, "link"),
            identifiers=[
                value for value in (self._wp(item, "post_name"), post_id) if value
            ],
        )
        for element in item:
            namespace, name = _local(element.tag)
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
            namespace, local = _local(child.tag)
            if local == name and namespace.startswith(WORDPRESS_PREFIX):
                return (child.text or "").strip()
        return ""

    def _comment(self, element: Element, *, thread: str) -> ForeignComment:
        approved = self._wp(element, "comment_approved").lower()
        status, reason = WORDPRESS_STATUSES.get(approved, (CommentStatus.HELD, ""))
        meta = {
            self._wp(entry, "meta_key"): self._wp(entry, "meta_value")
            for entry in element
            if _local(entry.tag)[1] == "commentmeta"
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


# A comment, its story and its whole history fit in far less; a longer line
# is not read into memory.
MAX_LINE = 1024 * 1024


class NewsroomReader:
    """Our own export (exports.py): a first line describing the file, then
    one comment a line, each carrying its story and its history."""

    label = "Newsroom"

    def __init__(self, stream: IO[bytes]):
        self.source = CountingReader(stream)
        self.origin = "newsroom"

    def items(self) -> Iterator[Item]:
        header = self._line(self.source.readline(MAX_LINE))
        if not isinstance(header, dict) or header.get("format") != NEWSROOM_FORMAT:
            raise UnreadableExport("this is not a Newsroom export (JSON Lines)")
        self.origin = f"newsroom:{header.get('site', '')}"
        stories: set[str] = set()
        while line := self.source.readline(MAX_LINE + 1):
            if len(line) > MAX_LINE:
                if not line.endswith(b"\n"):
                    self._skip_rest_of_line()
                yield UnreadableComment(
                    "", f"a line longer than {MAX_LINE:,} bytes, not read"
                )
                continue
            if not line.strip():
                continue
            row = self._line(line)
            try:
                story = row["story"]
                if story["slug"] not in stories:
                    stories.add(story["slug"])
                    yield ForeignThread(
                        key=story["slug"],
                        title=story.get("headline", ""),
                        link=story.get("url", ""),
                        identifiers=[story["slug"]],
                    )
                comment = self._comment(row)
            except (AttributeError, KeyError, TypeError, ValueError) as error:
                key = row.get("id", "") if isinstance(row, dict) else ""
                yield UnreadableComment(str(key), repr(error))
            else:
                yield comment

    def _skip_rest_of_line(self) -> None:
        while (part := self.source.readline(MAX_LINE)) and not part.endswith(b"\n"):
            pass

    def _line(self, line: bytes) -> Any:
        try:
            return json.loads(line)
        except ValueError as error:
            raise UnreadableExport(f"a line is not JSON: {error}") from error

    def _comment(self, row: dict[str, Any]) -> ForeignComment:
        return ForeignComment(
            key=str(row["id"]),
            thread=row["story"]["slug"],
            parent=str(row["reply_to"] or row["thread"] or ""),
            user_name=row["user_name"],
            body=row["text"],
            created_at=parse_time(row["posted_at"]),
            status=CommentStatus(row["status"]),
            removal_reason=row.get("removal_reason", ""),
            hold_rule=row.get("held_by_rule", ""),
            hold_detail=row.get("rule_detail", ""),
            ip_address=row.get("ip_address"),
            user_agent=row.get("user_agent", ""),
            is_pick=bool(row.get("editors_pick")),
            recommend_count=int(row.get("recommendations", 0)),
            erased_at=parse_time(row["erased_at"]) if row.get("erased_at") else None,
            author=row.get("staff_author") or "",
            voice=row.get("badge", ""),
            history=row.get("history", []),
        )


Reader = DisqusReader | WordPressReader | NewsroomReader
READERS: dict[str, type[Reader]] = {
    "disqus": DisqusReader,
    "wordpress": WordPressReader,
    "newsroom": NewsroomReader,
}

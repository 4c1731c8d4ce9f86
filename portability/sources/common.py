"""What every reader yields (threads, comments, what could not be read),
and the streaming helpers they share."""

import gzip
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import IO, Any, cast
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from comments.models import CommentStatus

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
    # Whether readers saw it; None where the source does not say.
    was_public: bool | None = None
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


GZIP_MAGIC = b"\x1f\x8b"
# What gzip raises on a cut or corrupted archive.
DAMAGED = (OSError, EOFError, zlib.error)


def is_gzip(stream: IO[bytes]) -> bool:
    """Whether a file (seekable, at its start) is gzip-compressed, as our
    backups are; it is left at its start."""
    start = stream.read(len(GZIP_MAGIC))
    stream.seek(0)
    return start == GZIP_MAGIC


def beginning(stream: IO[bytes], size: int) -> bytes:
    """The first bytes of a file, unpacked if it is gzip-compressed; the
    file is left at its start. Raises UnreadableExport on a broken archive."""
    try:
        if is_gzip(stream):
            with gzip.GzipFile(fileobj=stream) as unpacked:
                return unpacked.read(size)
        return stream.read(size)
    except DAMAGED as error:
        raise UnreadableExport(f"the compressed file is damaged: {error}") from error
    finally:
        stream.seek(0)


class _Counted:
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


class CountingReader:
    """A binary file that counts the bytes read from it, for progress
    against the file's size, and unpacks it on the way when it is
    gzip-compressed."""

    def __init__(self, stream: IO[bytes]):
        self._file = _Counted(stream)
        self.stream: Any = self._file
        if is_gzip(stream):
            self.stream = gzip.GzipFile(fileobj=cast(IO[bytes], self._file))

    @property
    def bytes_read(self) -> int:
        return self._file.bytes_read

    def read(self, size: int = -1) -> bytes:
        return self._unpacked(self.stream.read, size)

    def readline(self, size: int = -1) -> bytes:
        return self._unpacked(self.stream.readline, size)

    @staticmethod
    def _unpacked(reading, size: int) -> bytes:
        try:
            return reading(size)
        except DAMAGED as error:
            raise UnreadableExport(
                f"the compressed file is damaged: {error}"
            ) from error


def split_tag(tag: str) -> tuple[str, str]:
    """(namespace, name) of an element's tag."""
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, name
    return "", tag


def child_text(element: Element, name: str) -> str:
    for child in element:
        if split_tag(child.tag)[1] == name:
            return (child.text or "").strip()
    return ""


def first_child(element: Element, name: str) -> Element | None:
    for child in element:
        if split_tag(child.tag)[1] == name:
            return child
    return None


def is_true(value: str) -> bool:
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


def stream_elements(
    source: CountingReader, *, depth: int
) -> Iterator[tuple[Element, str]]:
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

"""Our own JSON Lines export."""

import json
from collections.abc import Iterator
from typing import IO, Any

from comments.models import CommentStatus

from .common import (
    NEWSROOM_FORMAT,
    CountingReader,
    ForeignComment,
    ForeignThread,
    Item,
    UnreadableComment,
    UnreadableExport,
    parse_time,
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
            was_public=row.get("seen_by_readers"),
            author=row.get("staff_author") or "",
            voice=row.get("badge", ""),
            history=row.get("history", []),
        )

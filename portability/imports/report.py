"""What an import found, stored and left out, as the admin and the command
print it."""

import logging
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import ngettext

from comments.models import (
    Comment,
    CommentStatus,
)

NAME_LENGTH: int = Comment._meta.get_field("user_name").max_length  # type: ignore[assignment]

logger = logging.getLogger(__name__)


@dataclass
class UnmatchedThread:
    title: str
    link: str
    why: str
    comments: int = 0


@dataclass
class ImportReport:
    dry_run: bool = False
    threads: int = 0
    comments: int = 0
    imported: Counter[str] = field(default_factory=Counter)
    already_imported: int = 0
    unmatched: dict[str, UnmatchedThread] = field(default_factory=dict)
    unreadable: list[str] = field(default_factory=list)
    made_top_level: int = 0
    names_shortened: int = 0
    skipped_notices: int = 0
    stories: set[int] = field(default_factory=set)

    @property
    def imported_total(self) -> int:
        return sum(self.imported.values())

    def lines(self) -> list[str]:
        verb = "Would import" if self.dry_run else "Imported"
        statuses = ", ".join(
            f"{count} {CommentStatus(status).label.lower()}"
            for status, count in sorted(self.imported.items())
        )
        lines = [
            f"Read {_comments(self.comments)} in {_threads(self.threads)}.",
            f"{verb} {_comments(self.imported_total)} on "
            + ngettext("%d story", "%d stories", len(self.stories)) % len(self.stories)
            + (f" ({statuses})." if statuses else "."),
        ]
        if self.already_imported:
            lines.append(
                f"Already imported before, left as they are: {self.already_imported}."
            )
        if self.made_top_level:
            lines.append(
                f"Replies to comments that are not in the file, kept as comments "
                f"of their own: {self.made_top_level}."
            )
        if self.names_shortened:
            lines.append(
                f"Names longer than {NAME_LENGTH} characters, shortened: "
                f"{self.names_shortened}."
            )
        if self.skipped_notices:
            lines.append(f"Pingbacks and trackbacks left out: {self.skipped_notices}.")
        # Pages without comments (WordPress exports every attachment) are
        # no loss: only threads whose comments were left out are listed.
        left_out = {
            key: thread for key, thread in self.unmatched.items() if thread.comments
        }
        if left_out:
            left = sum(thread.comments for thread in left_out.values())
            lines.append(
                f"Not imported: {_comments(left)} in {_threads(len(left_out))} "
                "that match no story. Add them to a mapping file (where, story "
                "slug) and import again:"
            )
            lines += [
                f"  {_comments(thread.comments)}: {thread.title or '(no title)'} "
                f"<{thread.link or key}>: {thread.why}"
                for key, thread in left_out.items()
            ]
        if self.unreadable:
            lines.append(f"Unreadable comments, not imported: {len(self.unreadable)}:")
            lines += [f"  {problem}" for problem in self.unreadable[:100]]
        return lines


def _comments(count: int) -> str:
    return ngettext("%d comment", "%d comments", count) % count


def _threads(count: int) -> str:
    return ngettext("%d thread", "%d threads", count) % count

"""Reading an export and storing its comments a batch at a time, each once."""

import logging
from collections.abc import Callable
from typing import IO

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_ipv46_address
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from articles.models import Article
from comments import moderation, text
from comments.forms import CODE_POINTS_PER_CHARACTER, COMMENT_LENGTH
from comments.models import (
    Comment,
    CommentStatus,
    HoldRule,
    ModerationEvent,
    Reason,
    Voice,
)

from ..models import ImportedComment
from ..sources import (
    READERS,
    ForeignComment,
    ForeignThread,
    Reader,
    UnreadableComment,
    parse_time,
)
from .matching import StoryMatcher
from .report import NAME_LENGTH, ImportReport

logger = logging.getLogger(__name__)


BATCH = 500
# What a comment's poster is called when the other system kept no name.
NAMELESS = "Anonymous"
AGENT_LENGTH: int = Comment._meta.get_field("user_agent").max_length  # type: ignore[assignment]
Progress = Callable[[int, int], None]


class Importer:
    def __init__(self, reader: Reader, *, origin_note: str, dry_run: bool):
        self.reader = reader
        self.origin_note = origin_note
        self.dry_run = dry_run
        self.report = ImportReport(dry_run=dry_run)
        self.deferred: list[tuple[ForeignComment, int]] = []
        self.staff: dict[str, int | None] = {}

    @property
    def origin(self) -> str:
        return self.reader.origin

    def store(self, batch: list[tuple[ForeignComment, int]]) -> None:
        unique: dict[str, tuple[ForeignComment, int]] = {}
        for comment, story in batch:
            if comment.key in unique:
                self.report.already_imported += 1
            else:
                unique[comment.key] = (comment, story)
        stored_before = set(
            ImportedComment.objects.filter(
                origin=self.origin, key__in=list(unique)
            ).values_list("key", flat=True)
        )
        self.report.already_imported += len(stored_before)
        pending = [item for key, item in unique.items() if key not in stored_before]
        if self.dry_run:
            for comment, story in pending:
                self._count(comment, story)
            return
        known = self._stored(
            {comment.parent for comment, _ in pending if comment.parent} - set(unique)
        )
        # Replies after the comments they answer: a generation at a time.
        while pending:
            in_batch = {comment.key for comment, _ in pending}
            ready, waiting = [], []
            for comment, story in pending:
                if not comment.parent or comment.parent in known:
                    ready.append((comment, story))
                elif comment.parent in in_batch:
                    waiting.append((comment, story))
                else:  # later in the file, or not in it at all
                    self.deferred.append((comment, story))
            if not ready:
                self.deferred += waiting
                break
            known |= self._create(ready, known)
            pending = waiting

    def finish(self) -> None:
        """The replies whose comments came later in the file, or never (those
        stay as comments of their own); then the counts and pages, once."""
        deferred, self.deferred = self.deferred, []
        while deferred:
            known = self._stored({comment.parent for comment, _ in deferred})
            ready = [
                (comment, story)
                for comment, story in deferred
                if not comment.parent or comment.parent in known
            ]
            if not ready:
                waiting = {comment.key for comment, _ in deferred}
                orphans = [c for c, _ in deferred if c.parent not in waiting]
                # Answers to comments not in the file; or, in a file whose
                # replies answer each other in a circle, all of them.
                for comment in orphans or [c for c, _ in deferred]:
                    comment.parent = ""
                    self.report.made_top_level += 1
                continue
            for start in range(0, len(ready), BATCH):
                self._create(ready[start : start + BATCH], known)
            done = {comment.key for comment, _ in ready}
            deferred = [item for item in deferred if item[0].key not in done]
        if not self.dry_run and self.report.stories:
            moderation.recount_comments(
                Article.objects.filter(pk__in=self.report.stories)
            )

    def _stored(self, keys: set[str]) -> dict[str, tuple[int, int]]:
        """Comments stored earlier, by key: (their id, their thread's id)."""
        if not keys:
            return {}
        return {
            key: (pk, parent or pk)
            for key, pk, parent in ImportedComment.objects.filter(
                origin=self.origin, key__in=list(keys)
            ).values_list("key", "comment_id", "comment__parent_id")
        }

    def _count(self, comment: ForeignComment, story: int) -> None:
        self.report.imported[comment.status] += 1
        self.report.stories.add(story)

    def _create(
        self,
        ready: list[tuple[ForeignComment, int]],
        known: dict[str, tuple[int, int]],
    ) -> dict[str, tuple[int, int]]:
        comments = [self._comment(foreign, story, known) for foreign, story in ready]
        histories = [self._history(foreign) for foreign, _ in ready]
        try:
            with transaction.atomic():
                stored = moderation.store_imported(
                    comments, histories, origin=self.origin_note
                )
                ImportedComment.objects.bulk_create(
                    ImportedComment(origin=self.origin, key=foreign.key, comment=c)
                    for (foreign, _), c in zip(ready, stored, strict=True)
                )
        except IntegrityError:
            # Another import of the same comments stored some of them since
            # this batch was checked: the constraint kept them once; store
            # the rest.
            taken = self._stored({foreign.key for foreign, _ in ready})
            if not taken:
                raise
            self.report.already_imported += len(taken)
            rest = [item for item in ready if item[0].key not in taken]
            return taken | (self._create(rest, known) if rest else {})
        for foreign, story in ready:
            self._count(foreign, story)
        return {
            foreign.key: (comment.pk, comment.parent_id or comment.pk)
            for (foreign, _), comment in zip(ready, stored, strict=True)
        }

    def _comment(
        self, foreign: ForeignComment, story: int, known: dict[str, tuple[int, int]]
    ) -> Comment:
        name = text.normalize_user_name(foreign.user_name) or NAMELESS
        if len(name) > NAME_LENGTH:
            name = name[:NAME_LENGTH]
            self.report.names_shortened += 1
        status = foreign.status
        hold_rule = (
            _known(foreign.hold_rule, HoldRule, HoldRule.IMPORTED)
            if status == CommentStatus.HELD
            else ""
        )
        author = self._staff(foreign.author)
        answered, thread = known.get(foreign.parent, (None, None))
        return Comment(
            article_id=story,
            user_name=name,
            body=text.normalize_comment(foreign.body),
            created_at=foreign.created_at,
            status=status,
            # The database insists: a removed comment says why, a held one
            # which rule holds it, and no other comment either.
            removal_reason=_known(foreign.removal_reason, Reason, Reason.OTHER)
            if status == CommentStatus.REMOVED
            else "",
            hold_rule=hold_rule,
            hold_detail=foreign.hold_detail[:200]
            if status == CommentStatus.HELD
            else "",
            ip_address=_address(foreign.ip_address),
            user_agent=foreign.user_agent[:AGENT_LENGTH],
            parent_id=thread,
            reply_to_id=answered,
            author_id=author,
            voice=foreign.voice if author and foreign.voice in Voice.values else "",
            is_pick=foreign.is_pick,
            recommend_count=max(0, foreign.recommend_count),
            erased_at=foreign.erased_at,
            # Unless the source says: what is held now, other than by
            # readers' reports, was never on the page.
            was_public=bool(foreign.was_public)
            if foreign.was_public is not None
            else hold_rule in ("", HoldRule.REPORTS),
        )

    def _history(self, foreign: ForeignComment) -> list[ModerationEvent]:
        events = []
        for step in foreign.history:
            try:
                events.append(
                    ModerationEvent(
                        action=ModerationEvent.Action(step["action"]),
                        moderator_id=self._staff(step.get("moderator") or ""),
                        reason=step.get("reason", ""),
                        rule=step.get("rule", ""),
                        detail=str(step.get("detail", ""))[:200],
                        previous_status=step.get("status_before", ""),
                        created_at=parse_time(step["at"]),
                    )
                )
            except (KeyError, TypeError, ValueError):
                self.report.unreadable.append(
                    f"comment {foreign.key}: a step of its history: {step!r:.200}"
                )
        return events

    def _staff(self, username: str) -> int | None:
        if not username:
            return None
        if username not in self.staff:
            self.staff[username] = (
                get_user_model()
                .objects.filter(username=username)
                .values_list("pk", flat=True)
                .first()
            )
        return self.staff[username]


def _known(value: str, choices: type[models.TextChoices], otherwise: str) -> str:
    return value if value in choices.values else otherwise


def _address(value: str | None) -> str | None:
    try:
        validate_ipv46_address(value or "")
    except ValidationError:
        return None
    return value


def import_comments(
    stream: IO[bytes],
    *,
    kind: str,
    file_name: str,
    mapping: dict[str, str] | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import an export file; raises UnreadableExport when it is not one."""
    reader: Reader = READERS[kind](stream)
    importer = Importer(
        reader,
        origin_note=f"{file_name}, {timezone.now():%Y-%m-%d %H:%M} UTC",
        dry_run=dry_run,
    )
    report = importer.report
    matcher = StoryMatcher(mapping or {})
    batch: list[tuple[ForeignComment, int]] = []
    for item in reader.items():
        if isinstance(item, ForeignThread):
            report.threads += 1
            matcher.add(item, report)
        elif isinstance(item, UnreadableComment):
            report.comments += 1
            report.unreadable.append(f"comment {item.key or '?'}: {item.problem}")
        elif too_long(item.body):
            report.comments += 1
            report.unreadable.append(
                f"comment {item.key or '?'}: longer than the {COMMENT_LENGTH:,} "
                "characters a comment may have"
            )
        else:
            report.comments += 1
            story = matcher.story_for(item.thread, report)
            if story is None:
                report.unmatched[item.thread].comments += 1
                continue
            batch.append((item, story))
            if len(batch) >= BATCH:
                importer.store(batch)
                batch = []
                if progress:
                    progress(reader.source.bytes_read, report.imported_total)
    importer.store(batch)
    importer.finish()
    report.skipped_notices = getattr(reader, "skipped_types", 0)
    if progress:
        progress(reader.source.bytes_read, report.imported_total)
    return report


def too_long(body: str) -> bool:
    """Longer than a reader may post (comments/forms.py): in code points
    first, which bounds the cost of counting characters."""
    normalized = text.normalize_comment(body)
    return (
        len(normalized) > COMMENT_LENGTH * CODE_POINTS_PER_CHARACTER
        or text.length(normalized) > COMMENT_LENGTH
    )

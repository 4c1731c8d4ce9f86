"""Importing another system's comments: Disqus, WordPress, or a Newsroom
export of our own.

The reader (sources.py) streams threads and comments. Each thread is
matched to a story by an explicit mapping, by its address on this site, or
by its slug; a thread matched to nothing, or to more than one story, is
reported with how many comments it holds, never guessed. Comments are
stored a batch at a time through comments.moderation.store_imported, with
a row saying which comment of the other system each one is, so that an
import run twice stores nothing twice. A reply's thread is looked up in
the database, not held in memory: a file of any length imports in the same
memory. The stored counts and cached pages are brought up to date once,
when the file is done.

Every change to an import's own rows (its progress and report) is here.
"""

import csv
import io
import logging
import re
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import IO
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_ipv46_address
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.tasks import task
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.translation import ngettext

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

from .models import ImportedComment, ImportRun, JobStatus
from .sources import (
    READERS,
    ForeignComment,
    ForeignThread,
    Reader,
    UnreadableComment,
    UnreadableExport,
    parse_time,
)
from .storage import private_storage

logger = logging.getLogger(__name__)

BATCH = 500
# What a comment's poster is called when the other system kept no name.
NAMELESS = "Anonymous"
NAME_LENGTH: int = Comment._meta.get_field("user_name").max_length  # type: ignore[assignment]
AGENT_LENGTH: int = Comment._meta.get_field("user_agent").max_length  # type: ignore[assignment]
Progress = Callable[[int, int], None]


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


def read_mapping(stream: IO[str]) -> dict[str, str]:
    """A CSV file of two columns: where the thread was (its address, Disqus
    identifier, or WordPress post number or slug), and a story's slug."""
    mapping = {}
    for row in csv.reader(stream):
        if len(row) >= 2 and row[0].strip() and not row[0].startswith("#"):
            mapping[row[0].strip()] = row[1].strip()
    mapping.pop("where", None)  # a header line
    return mapping


class StoryMatcher:
    def __init__(self, mapping: dict[str, str]):
        self.mapping = mapping
        self.stories: dict[str, int | None] = {}
        self.threads: dict[str, ForeignThread] = {}

    def add(self, thread: ForeignThread, report: ImportReport) -> None:
        story, why = self._match(thread)
        self.threads[thread.key] = thread
        self.stories[thread.key] = story
        if story is None:
            report.unmatched[thread.key] = UnmatchedThread(
                thread.title, thread.link, why
            )

    def story_for(self, thread_key: str, report: ImportReport) -> int | None:
        if thread_key not in self.stories:
            self.stories[thread_key] = None
            report.unmatched[thread_key] = UnmatchedThread(
                "", "", "the file names this thread but does not describe it"
            )
        return self.stories[thread_key]

    def _match(self, thread: ForeignThread) -> tuple[int | None, str]:
        for name in (thread.link, *thread.identifiers):
            if name and name in self.mapping:
                slug = self.mapping[name]
                story = Article.objects.filter(slug=slug).values_list("pk", flat=True)
                if mapped := story.first():
                    return mapped, ""
                return None, f"the mapping names {slug!r}, and no story has that slug"
        slugs = {
            identifier
            for identifier in thread.identifiers
            if identifier and not identifier.isdigit()
        }
        path = urlsplit(thread.link).path
        if path:
            try:
                match = resolve(path)
            except Resolver404:
                pass
            else:
                if match.view_name == "articles:detail":
                    slugs.add(match.kwargs["slug"])
            if last := path.rstrip("/").rpartition("/")[2]:
                slugs.add(last.removesuffix(".html"))
        found = list(Article.objects.filter(slug__in=slugs).values_list("pk", "slug"))
        if len(found) == 1:
            return found[0][0], ""
        if found:
            names = ", ".join(sorted(slug for _, slug in found))
            return None, f"its address and names fit several stories ({names})"
        return None, "no story has its address or slug"


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
            hold_rule=_known(foreign.hold_rule, HoldRule, HoldRule.IMPORTED)
            if status == CommentStatus.HELD
            else "",
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


# Imports started in the admin, run by the task worker


def start(run: ImportRun, upload, mapping_upload=None, *, by) -> ImportRun:
    """Keep the uploaded files privately and queue the import. A file is
    never kept without the record that deletes it."""
    storage = private_storage()
    stored: list[str] = []
    try:
        with transaction.atomic():
            run.requested_by = by
            run.file_name = upload.name[
                : ImportRun._meta.get_field("file_name").max_length
            ]
            run.size = upload.size
            run.stored_as = storage.save(stored_name(upload.name), upload)
            stored.append(run.stored_as)
            if mapping_upload is not None:
                run.mapping_stored_as = storage.save(
                    stored_name(mapping_upload.name), mapping_upload
                )
                stored.append(run.mapping_stored_as)
            run.save()
    except BaseException:
        for name in stored:
            storage.delete(name)
        raise
    _queue(run)
    return run


def stored_name(uploaded_as: str) -> str:
    """A name of our own in private storage: the uploader's (kept on the
    record) may be longer than a file system takes."""
    suffix = PurePath(uploaded_as).suffix
    if not re.fullmatch(r"\.[A-Za-z0-9]{1,10}", suffix):
        suffix = ""
    return f"imports/{uuid.uuid4().hex}{suffix}"


def forget_uploads(*, before) -> int:
    """Delete the uploaded files of imports finished before a time (they
    hold every poster's address); the records and reports stay. Returns
    how many files were deleted."""
    storage = private_storage()
    finished = ImportRun.objects.filter(
        status__in=[JobStatus.DONE, JobStatus.FAILED], finished_at__lt=before
    )
    still_needed: set[str] = set()
    for names in ImportRun.objects.exclude(pk__in=finished).values_list(
        "stored_as", "mapping_stored_as"
    ):
        still_needed.update(names)
    deleted = 0
    for run in finished.exclude(stored_as="", mapping_stored_as=""):
        for name in (run.stored_as, run.mapping_stored_as):
            if name and name not in still_needed and storage.exists(name):
                storage.delete(name)
                deleted += 1
        run.stored_as = run.mapping_stored_as = ""
        run.save(update_fields=["stored_as", "mapping_stored_as"])
    return deleted


def again_for_real(dry_run: ImportRun, *, by) -> ImportRun:
    """Import for real a file a dry run has read, without uploading it again."""
    run = ImportRun.objects.create(
        format=dry_run.format,
        file_name=dry_run.file_name,
        stored_as=dry_run.stored_as,
        mapping_stored_as=dry_run.mapping_stored_as,
        size=dry_run.size,
        requested_by=by,
    )
    _queue(run)
    return run


def forget(run: ImportRun) -> None:
    """Delete an import's record, and its files unless another run uses them."""
    storage = private_storage()
    others = ImportRun.objects.exclude(pk=run.pk)
    for name in (run.stored_as, run.mapping_stored_as):
        if (
            name
            and not others.filter(
                Q(stored_as=name) | Q(mapping_stored_as=name)
            ).exists()
        ):
            storage.delete(name)
    run.delete()


def _queue(run: ImportRun) -> None:
    transaction.on_commit(lambda: run_import.enqueue(run.pk))


@task
def run_import(run_id: int) -> int:
    """Run an import started in the admin; returns how many were imported."""
    claimed = ImportRun.objects.filter(pk=run_id, status=JobStatus.WAITING).update(
        status=JobStatus.RUNNING
    )
    if not claimed:  # already run, or running in another worker
        return 0
    run = ImportRun.objects.get(pk=run_id)
    storage = private_storage()

    def progress(bytes_read: int, imported: int) -> None:
        ImportRun.objects.filter(pk=run_id).update(
            bytes_read=bytes_read, imported=imported
        )

    try:
        mapping = {}
        if run.mapping_stored_as:
            with storage.open(run.mapping_stored_as, "rb") as raw:
                mapping = read_mapping(io.TextIOWrapper(raw, encoding="utf-8-sig"))
        with storage.open(run.stored_as, "rb") as stream:
            report = import_comments(
                stream,
                kind=run.format,
                file_name=run.file_name,
                mapping=mapping,
                dry_run=run.dry_run,
                progress=progress,
            )
    except UnreadableExport as error:
        _finish(run_id, JobStatus.FAILED, f"The file could not be read: {error}")
        return 0
    except Exception:
        logger.exception("Import %s failed", run_id)
        _finish(run_id, JobStatus.FAILED, "The import failed; the error is logged.")
        raise
    _finish(run_id, JobStatus.DONE, "\n".join(report.lines()), report.imported_total)
    return report.imported_total


def _finish(run_id: int, status: str, report: str, imported: int | None = None) -> None:
    changes = {"status": status, "report": report, "finished_at": timezone.now()}
    if imported is not None:
        changes["imported"] = imported
    ImportRun.objects.filter(pk=run_id).update(**changes)

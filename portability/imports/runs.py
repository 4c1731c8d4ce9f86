"""Imports started in the admin and run by the task worker: their uploads,
their progress and report, and forgetting them."""

import io
import logging
import re
import uuid
from pathlib import PurePath

from django.db import transaction
from django.db.models import Q
from django.tasks import task
from django.utils import timezone

from ..models import ImportRun, JobStatus
from ..sources import (
    UnreadableExport,
)
from ..storage import private_storage
from .importer import import_comments
from .matching import read_mapping

logger = logging.getLogger(__name__)


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

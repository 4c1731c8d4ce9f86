"""Backups: a dated, compressed export of every comment in private
storage, the newest NEWSROOM_BACKUPS_KEPT of them kept. `manage.py backup`
makes one (from cron); superusers make one from the admin, which the task
worker writes. Every change to a backup's row and file is here."""

import gzip
import logging
import tempfile

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from .exports import WRITERS
from .models import Backup, JobStatus
from .storage import private_storage

logger = logging.getLogger(__name__)

SUFFIXES = {Backup.Kind.JSON_LINES.value: "jsonl.gz", Backup.Kind.WXR.value: "xml.gz"}


def ask(backup: Backup, *, by) -> Backup:
    """Queue a backup, asked for in the admin, for the task worker."""
    backup.requested_by = by
    backup.status = JobStatus.WAITING
    backup.save()
    transaction.on_commit(lambda: run_backup.enqueue(backup.pk))
    return backup


def make(backup: Backup, *, keep: int | None = None) -> Backup:
    """Write the backup, then forget all but the newest `keep` backups."""
    started = timezone.now()
    name = (
        f"backups/newsroom-comments-{started:%Y-%m-%dT%H%M%SZ}.{SUFFIXES[backup.kind]}"
    )
    try:
        with tempfile.TemporaryFile() as scratch:
            with gzip.GzipFile(fileobj=scratch, mode="wb", mtime=0) as compressed:
                backup.comment_count = WRITERS[backup.kind](compressed)  # type: ignore[arg-type]
            backup.size = scratch.tell()
            scratch.seek(0)
            backup.stored_as = private_storage().save(name, File(scratch))
    except Exception as error:
        logger.exception("Backup %s failed", backup.pk)
        backup.status, backup.error = JobStatus.FAILED, repr(error)
    else:
        backup.status = JobStatus.DONE
    backup.finished_at = timezone.now()
    backup.save()
    if backup.status == JobStatus.DONE:
        prune(keep=settings.NEWSROOM_BACKUPS_KEPT if keep is None else keep)
    return backup


def prune(*, keep: int) -> int:
    """Delete all but the newest `keep` finished backups; returns how many."""
    old = list(
        Backup.objects.filter(status=JobStatus.DONE).order_by("-created_at", "-id")[
            keep:
        ]
    )
    for backup in old:
        forget(backup)
    return len(old)


def forget(backup: Backup) -> None:
    """Delete a backup and its file."""
    if backup.stored_as:
        private_storage().delete(backup.stored_as)
    backup.delete()


@task
def run_backup(backup_id: int) -> int:
    """Write a backup asked for in the admin; returns how many comments."""
    claimed = Backup.objects.filter(pk=backup_id, status=JobStatus.WAITING).update(
        status=JobStatus.RUNNING
    )
    if not claimed:  # already written, or being written by another worker
        return 0
    return make(Backup.objects.get(pk=backup_id)).comment_count

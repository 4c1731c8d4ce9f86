from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Format(models.TextChoices):
    DISQUS = "disqus", _("Disqus export (XML)")
    WORDPRESS = "wordpress", _("WordPress export (WXR)")
    NEWSROOM = "newsroom", _("Newsroom export (JSON Lines)")


class JobStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for the worker")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Job(models.Model):
    """Work the task worker (or a command) does on a superuser's behalf:
    who asked, when, and how it went."""

    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus, default=JobStatus.WAITING
    )
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("asked for by"),
        help_text=_("Empty when a command asked for it."),
    )
    created_at = models.DateTimeField(_("asked for at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]


class ImportRun(Job):
    """One import of an export file, from the admin or the command line:
    its progress while it runs, and its report afterwards."""

    format = models.CharField(_("format"), max_length=10, choices=Format)
    file_name = models.CharField(_("file"), max_length=255)
    # Where the uploaded file waits for the worker, in private storage.
    stored_as = models.CharField(max_length=255, blank=True, editable=False)
    mapping_stored_as = models.CharField(max_length=255, blank=True, editable=False)
    dry_run = models.BooleanField(
        _("dry run"),
        default=False,
        help_text=_("Report what would be imported, and import nothing."),
    )
    bytes_read = models.PositiveBigIntegerField(_("bytes read"), default=0)
    imported = models.PositiveIntegerField(_("comments imported"), default=0)
    report = models.TextField(_("report"), blank=True)

    class Meta(Job.Meta):
        verbose_name = _("comment import")
        verbose_name_plural = _("comment imports")

    def __str__(self) -> str:
        return f"{self.get_format_display()}: {self.file_name}"

    @property
    def percent_read(self) -> int:
        if not self.size:
            return 100 if self.status == JobStatus.DONE else 0
        return min(100, self.bytes_read * 100 // self.size)


class ImportedComment(models.Model):
    """Which comment a comment of another system became: an import run
    twice stores each comment once."""

    origin = models.CharField(
        _("imported from"),
        max_length=255,
        help_text=_("The system and site: disqus:<forum>, wordpress:<site>, …"),
    )
    key = models.CharField(_("id there"), max_length=100)
    comment = models.OneToOneField(
        "comments.Comment",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("comment"),
    )

    class Meta:
        verbose_name = _("imported comment")
        verbose_name_plural = _("imported comments")
        constraints = [
            models.UniqueConstraint(
                fields=["origin", "key"], name="import_each_comment_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.origin} #{self.key}"


class Backup(Job):
    """A dated, compressed export of every comment, kept in private storage;
    only the newest NEWSROOM_BACKUPS_KEPT are kept."""

    class Kind(models.TextChoices):
        JSON_LINES = "jsonl", _("JSON Lines")
        WXR = "wxr", _("WordPress WXR")

    kind = models.CharField(
        _("format"),
        max_length=10,
        choices=Kind,
        default=Kind.JSON_LINES,
        help_text=_(
            "JSON Lines keep every comment's whole history and import back "
            "whole; WXR is what WordPress, Disqus and most other systems import."
        ),
    )
    stored_as = models.CharField(_("file"), max_length=255, blank=True)
    comment_count = models.PositiveIntegerField(_("comments"), default=0)
    error = models.TextField(_("error"), blank=True)

    class Meta(Job.Meta):
        # Superusers ask for an export here; `manage.py backup` writes the
        # same file from cron.
        verbose_name = _("export")
        verbose_name_plural = _("exports and backups")

    def __str__(self) -> str:
        return self.stored_as or f"Backup {self.pk}"

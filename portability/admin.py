"""Imports and backups in the admin, for superusers only: every poster's
address passes through them. Uploads and backups stay in private storage;
the task worker does the work while the page shows its progress."""

from pathlib import PurePath

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from staff.access import SuperusersOnlyAdmin

from . import backups, imports, sources
from .models import Backup, Format, ImportRun, JobStatus
from .storage import private_storage

# How each format's file begins, to refuse the wrong file at once.
SIGNS = {
    Format.DISQUS: (b"<disqus", _("a Disqus export (its root element is <disqus>)")),
    Format.WORDPRESS: (b"<rss", _("a WordPress export (an RSS file)")),
    Format.NEWSROOM: (b'"newsroom-comments"', _("a Newsroom export (JSON Lines)")),
}
SNIFF_BYTES = 64 * 1024
NOT_READY_FOR_REAL = _(
    "Only finished dry runs whose file is still kept can be imported for real: "
    "files are deleted after the retention period. Upload the file again."
)


def _ready_for_real(run: ImportRun) -> bool:
    return run.dry_run and run.status == JobStatus.DONE and bool(run.stored_as)


class JobAdmin(SuperusersOnlyAdmin):
    """A job the task worker runs: asked for on the add page, followed on
    its own page until it is done."""

    queued_message: str | Promise = ""

    def forget(self, job) -> None:
        raise NotImplementedError

    def response_add(self, request, obj, post_url_continue=None):
        self.message_user(request, self.queued_message, messages.SUCCESS)
        opts = self.model._meta
        return HttpResponseRedirect(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        )

    def delete_model(self, request, obj):
        self.forget(obj)

    def delete_queryset(self, request, queryset):
        for job in queryset:
            self.forget(job)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        job = self.get_object(request, object_id)
        waiting = job is not None and job.status in (
            JobStatus.WAITING,
            JobStatus.RUNNING,
        )
        extra_context = {
            **(extra_context or {}),
            # The page follows the worker until the job is done.
            "refresh_seconds": 2 if waiting else None,
            "show_save": False,
            "show_save_and_continue": False,
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def add_view(self, request, form_url="", extra_context=None):
        # One button: what is asked for starts at once.
        extra_context = {
            **(extra_context or {}),
            "show_save_and_add_another": False,
            "show_save_and_continue": False,
        }
        return super().add_view(request, form_url, extra_context)


class ImportForm(forms.ModelForm):
    export_file = forms.FileField(
        label=_("Export file"),
        help_text=_(
            "The file Disqus mailed you, WordPress's Tools → Export file, or a "
            "Newsroom export or backup. Compressed files (.gz) are unpacked "
            "as they are read."
        ),
    )
    mapping_file = forms.FileField(
        label=_("Mapping file"),
        required=False,
        help_text=_(
            "Optional CSV for threads no address or slug matches: where the "
            "thread was (its address, Disqus identifier, or WordPress post "
            "number or slug), then the story's slug, one per line."
        ),
    )

    class Meta:
        model = ImportRun
        fields = ("format", "export_file", "mapping_file", "dry_run")

    def clean(self):
        cleaned = super().clean()
        upload, kind = cleaned.get("export_file"), cleaned.get("format")
        if upload and kind:
            sign, described = SIGNS[Format(kind)]
            try:
                start = sources.beginning(upload, SNIFF_BYTES)
            except sources.UnreadableExport:
                self.add_error(
                    "export_file",
                    _(
                        "This file is gzip-compressed but cannot be unpacked: it "
                        "may be cut short. Download it again, or unpack it "
                        "yourself and upload what it holds."
                    ),
                )
            else:
                if sign not in start:
                    self.add_error(
                        "export_file",
                        _("This file does not look like %(kind)s. Check the format.")
                        % {"kind": described},
                    )
        mapping = cleaned.get("mapping_file")
        if mapping:
            try:
                rows = imports.read_mapping(
                    mapping.read().decode("utf-8-sig").splitlines()
                )
            except UnicodeDecodeError:
                rows = {}
            mapping.seek(0)
            if not rows:
                self.add_error(
                    "mapping_file",
                    _(
                        "No mapping was found: write one line per thread, a comma "
                        "between where it was and the story's slug (UTF-8 CSV)."
                    ),
                )
        return cleaned


@admin.register(ImportRun)
class ImportRunAdmin(JobAdmin):
    queued_message = _("The import is queued. This page follows it until it is done.")
    form = ImportForm
    list_display = (
        "created_at",
        "file_name",
        "format",
        "dry_run",
        "status",
        "progress",
        "outcome",
    )
    list_filter = ("status", "format")
    actions = ["import_for_real"]
    readonly_fields = (
        "format",
        "file_name",
        "dry_run",
        "status",
        "progress",
        "outcome",
        "requested_by",
        "created_at",
        "finished_at",
        "report",
    )

    def get_fields(self, request, obj=None):
        if obj is None:
            return ImportForm.Meta.fields
        return self.readonly_fields

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else self.readonly_fields

    @admin.display(description=_("progress"))
    def progress(self, run: ImportRun) -> str:
        return format_html(
            '<progress max="100" value="{}">{}%</progress> {}% of {}',
            run.percent_read,
            run.percent_read,
            run.percent_read,
            filesizeformat(run.size),
        )

    @admin.display(description=_("comments"))
    def outcome(self, run: ImportRun) -> str:
        if run.dry_run:
            return _("would import %(count)d") % {"count": run.imported}
        return _("imported %(count)d") % {"count": run.imported}

    def change_view(self, request, object_id, form_url="", extra_context=None):
        run = self.get_object(request, object_id)
        extra_context = {
            **(extra_context or {}),
            "can_import_for_real": run is not None and _ready_for_real(run),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        return [
            path(
                "<int:pk>/import-for-real/",
                self.admin_site.admin_view(self.import_for_real_view),
                name="portability_importrun_for_real",
            ),
            *super().get_urls(),
        ]

    def import_for_real_view(self, request, pk: int):
        """The dry run page's button: the same file, imported for real."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.is_superuser:
            raise PermissionDenied
        dry_run = get_object_or_404(ImportRun, pk=pk)
        if not _ready_for_real(dry_run):
            self.message_user(request, NOT_READY_FOR_REAL, messages.WARNING)
            return HttpResponseRedirect(
                reverse("admin:portability_importrun_change", args=[pk])
            )
        run = imports.again_for_real(dry_run, by=request.user)
        self.message_user(request, self.queued_message, messages.SUCCESS)
        return HttpResponseRedirect(
            reverse("admin:portability_importrun_change", args=[run.pk])
        )

    def save_model(self, request, obj, form, change):
        imports.start(
            obj,
            form.cleaned_data["export_file"],
            form.cleaned_data.get("mapping_file"),
            by=request.user,
        )

    @admin.action(description=_("Import for real the files of the selected dry runs"))
    def import_for_real(self, request, queryset):
        started = [
            imports.again_for_real(run, by=request.user)
            for run in queryset
            if _ready_for_real(run)
        ]
        self.message_user(
            request,
            _("%(count)d imports queued.") % {"count": len(started)}
            if started
            else NOT_READY_FOR_REAL,
            messages.SUCCESS if started else messages.WARNING,
        )

    def forget(self, job) -> None:
        imports.forget(job)


@admin.register(Backup)
class BackupAdmin(JobAdmin):
    queued_message = _("The backup is queued. This page follows it until it is done.")
    fields = ("kind",)
    list_display = (
        "created_at",
        "kind",
        "status",
        "comment_count",
        "file_size",
        "download",
    )
    list_filter = ("status", "kind")
    readonly_fields = (
        "kind",
        "status",
        "comment_count",
        "file_size",
        "download",
        "requested_by",
        "created_at",
        "finished_at",
        "error",
    )

    def get_fields(self, request, obj=None):
        return self.fields if obj is None else self.readonly_fields

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else self.readonly_fields

    @admin.display(description=_("size"))
    def file_size(self, backup: Backup) -> str:
        return filesizeformat(backup.size) if backup.size else "—"

    @admin.display(description=_("file"))
    def download(self, backup: Backup) -> str:
        if backup.status != JobStatus.DONE:
            return "—"
        return format_html(
            '<a href="{}" download="{}">{}</a>',
            reverse("admin:portability_backup_download", args=[backup.pk]),
            PurePath(backup.stored_as).name,
            _("Download"),
        )

    def save_model(self, request, obj, form, change):
        backups.ask(obj, by=request.user)

    def forget(self, job) -> None:
        backups.forget(job)

    def get_urls(self):
        return [
            path(
                "<int:pk>/download/",
                self.admin_site.admin_view(self.download_view),
                name="portability_backup_download",
            ),
            *super().get_urls(),
        ]

    def download_view(self, request, pk: int):
        if not request.user.is_superuser:
            raise PermissionDenied
        backup = get_object_or_404(Backup, pk=pk, status=JobStatus.DONE)
        return FileResponse(
            private_storage().open(backup.stored_as, "rb"),
            as_attachment=True,
            filename=PurePath(backup.stored_as).name,
            content_type="application/gzip",
        )

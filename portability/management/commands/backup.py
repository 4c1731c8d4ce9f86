from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portability import backups
from portability.models import Backup, JobStatus


class Command(BaseCommand):
    help = (
        "Write a dated, compressed export of every comment to private storage "
        "and keep only the newest ones. Run it from cron, e.g. daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--format", choices=Backup.Kind.values, default=Backup.Kind.JSON_LINES
        )
        parser.add_argument(
            "--keep",
            type=int,
            default=settings.NEWSROOM_BACKUPS_KEPT,
            help="How many backups to keep (default: NEWSROOM_BACKUPS_KEPT, "
            "%(default)s).",
        )

    def handle(self, *args, **options):
        if options["keep"] < 1:
            raise CommandError("--keep must be at least 1.")
        backup = backups.make(
            Backup.objects.create(kind=options["format"]), keep=options["keep"]
        )
        if backup.status != JobStatus.DONE:
            raise CommandError(f"The backup failed: {backup.error}")
        self.stdout.write(
            f"Wrote {backup.stored_as} ({backup.comment_count} comments, "
            f"{backup.size} bytes)."
        )

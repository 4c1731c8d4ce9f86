import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from portability import imports
from portability.models import Format
from portability.sources import UnreadableExport


class Command(BaseCommand):
    help = (
        "Import comments from a Disqus export, a WordPress export (WXR) or a "
        "Newsroom export (JSON Lines). Threads are matched to stories by "
        "address, slug or a mapping file; running it twice imports nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("format", choices=Format.values)
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--mapping",
            type=Path,
            help="A CSV file: where the thread was (address, Disqus identifier, "
            "WordPress post number or slug), then the story's slug.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what would be imported, and import nothing.",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Print no progress bar."
        )

    def handle(self, *args, **options) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        mapping = {}
        if options["mapping"]:
            with options["mapping"].open(encoding="utf-8-sig", newline="") as rows:
                mapping = imports.read_mapping(rows)
        bar = tqdm(
            total=path.stat().st_size,
            unit="B",
            unit_scale=True,
            desc=path.name,
            disable=options["no_progress"] or None,
            file=sys.stderr,
        )
        seen = 0

        def progress(bytes_read: int, imported: int) -> None:
            nonlocal seen
            bar.update(bytes_read - seen)
            bar.set_postfix(comments=imported)
            seen = bytes_read

        try:
            with path.open("rb") as stream:
                report = imports.import_comments(
                    stream,
                    kind=options["format"],
                    file_name=path.name,
                    mapping=mapping,
                    dry_run=options["dry_run"],
                    progress=progress,
                )
        except UnreadableExport as error:
            raise CommandError(f"{path.name} could not be read: {error}") from error
        finally:
            bar.close()
        for line in report.lines():
            self.stdout.write(line)

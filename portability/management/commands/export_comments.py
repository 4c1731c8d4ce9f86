import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from portability.exports import WRITERS


class Command(BaseCommand):
    help = (
        "Write every story's comments with their history: as JSON Lines "
        "(which import_comments reads back whole) or as a WordPress WXR file."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=sorted(WRITERS), default="jsonl")
        parser.add_argument(
            "--output",
            "-o",
            type=Path,
            help="The file to write; standard output if none.",
        )

    def handle(self, *args, **options):
        write = WRITERS[options["format"]]
        if options["output"] is None:
            written = write(sys.stdout.buffer)
            sys.stdout.buffer.flush()
        else:
            with options["output"].open("wb") as out:
                written = write(out)
        self.stderr.write(f"Exported {written} comments.")

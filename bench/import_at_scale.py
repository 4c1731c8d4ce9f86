"""Import a generated Disqus export of 100,000 comments and report the
memory it took, against the same import of a tenth of the file.

    .venv/bin/python bench/import_at_scale.py [--comments 100000]

Each import runs in a process of its own, on a fresh SQLite database in a
temporary folder. Printed for each: the time, the comments a second, and
the process's peak memory above what it held before the import. The ratio
of the two peaks is the point: a streaming import takes the same memory
whatever the file's length, so it stays near 1 where a file read whole
would make it near 10.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

STORIES = 200
HEAD = """<?xml version="1.0" encoding="utf-8"?>
<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
"""
THREAD = """  <thread dsq:id="t{n}"><id>story-{n}</id><forum>bench</forum>
    <link>https://old.example/story/story-{n}/</link><title>Story {n}</title>
    <createdAt>2020-01-01T00:00:00Z</createdAt></thread>
"""
POST = """  <post dsq:id="{n}"><id/><message><![CDATA[<p>Comment number {n} on the \
story, with <b>some</b> markup &amp; a <a href="https://example.org/{n}">link</a>.\
</p><p>A second paragraph to make it the length of a real comment.</p>]]></message>
    <createdAt>2020-01-{day:02d}T{hour:02d}:{minute:02d}:00Z</createdAt>
    <isDeleted>false</isDeleted><isSpam>{spam}</isSpam>
    <author><name>Reader {reader}</name><isAnonymous>true</isAnonymous></author>
    <ipAddress>198.51.100.{octet}</ipAddress><thread dsq:id="t{thread}"/>{parent}</post>
"""


def write_disqus_export(path: Path, comments: int, stories: int = STORIES) -> None:
    """A Disqus export of this many comments: a third of them replies, one
    in fifty spam."""
    with path.open("w", encoding="utf-8") as out:
        out.write(HEAD)
        for n in range(stories):
            out.write(THREAD.format(n=n))
        for n in range(comments):
            thread = n % stories
            # A reply answers the comment posted on the same story just before.
            parent = (
                f'<parent dsq:id="{n - stories}"/>'
                if n % 3 == 2 and n >= stories
                else ""
            )
            out.write(
                POST.format(
                    n=n,
                    day=1 + n % 28,
                    hour=n % 24,
                    minute=n % 60,
                    spam="true" if n % 50 == 0 else "false",
                    reader=n % 997,
                    octet=n % 250,
                    thread=thread,
                    parent=parent,
                )
            )
        out.write("</disqus>\n")


def peak_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def measure(comments: int) -> dict:
    """In this process: set up a database, import, report."""
    folder = Path(tempfile.mkdtemp(prefix="newsroom-import-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'db.sqlite3'}"
    # As in production: with DEBUG on, Django keeps the last 9,000 queries.
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-" + "x" * 40)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from articles.models import Article, Section
    from portability import imports

    section = Section.objects.create(name="News", slug="news")
    Article.objects.bulk_create(
        Article(
            headline=f"Story {n}",
            slug=f"story-{n}",
            section=section,
            summary="A story.",
            byline="Desk",
            body="Text.",
            status=Article.Status.PUBLISHED,
        )
        for n in range(STORIES)
    )
    export = folder / "export.xml"
    write_disqus_export(export, comments)
    before = peak_kib()
    started = time.perf_counter()
    with export.open("rb") as stream:
        report = imports.import_comments(stream, kind="disqus", file_name=export.name)
    seconds = time.perf_counter() - started
    return {
        "comments": comments,
        "imported": report.imported_total,
        "file_mib": export.stat().st_size / 2**20,
        "seconds": seconds,
        "peak_above_start_mib": (peak_kib() - before) / 1024,
        "peak_mib": peak_kib() / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.one:
        print(json.dumps(measure(options.one)))
        return
    results = []
    for size in (options.comments // 10, options.comments):
        run = subprocess.run(
            [sys.executable, __file__, "--one", str(size)],
            check=True,
            capture_output=True,
            text=True,
            cwd=PROJECT,
        )
        results.append(json.loads(run.stdout.splitlines()[-1]))
    print(
        "| comments | file | imported | seconds | comments/s | peak RSS | above start |"
    )
    print("|---|---|---|---|---|---|---|")
    for result in results:
        print(
            f"| {result['comments']:,} | {result['file_mib']:.1f} MiB "
            f"| {result['imported']:,} | {result['seconds']:.1f} "
            f"| {result['imported'] / result['seconds']:,.0f} "
            f"| {result['peak_mib']:.0f} MiB | {result['peak_above_start_mib']:.1f} MiB |"
        )
    small, large = results
    print(
        f"\nMemory above start, {large['comments']:,} ÷ {small['comments']:,} "
        f"comments: {large['peak_above_start_mib'] / max(small['peak_above_start_mib'], 0.1):.2f} "
        f"(a file read whole: about {large['file_mib'] / small['file_mib']:.0f})"
    )


if __name__ == "__main__":
    main()

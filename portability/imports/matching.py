"""Which story a thread of another system belongs to: an explicit mapping,
its address on this site, or its slug; never a guess."""

import csv
import logging
from typing import IO
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve

from articles.models import Article

from ..sources import (
    ForeignThread,
)
from .report import ImportReport, UnmatchedThread

logger = logging.getLogger(__name__)


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

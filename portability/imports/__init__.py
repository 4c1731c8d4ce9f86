"""Importing another system's comments: Disqus, WordPress, or a Newsroom
export of our own.

The reader (portability/sources/) streams threads and comments. Each thread is
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

from .importer import NAMELESS, import_comments, too_long
from .matching import StoryMatcher, read_mapping
from .report import ImportReport, UnmatchedThread
from .runs import again_for_real, forget, forget_uploads, run_import, start, stored_name

__all__ = [
    "NAMELESS",
    "ImportReport",
    "StoryMatcher",
    "UnmatchedThread",
    "again_for_real",
    "forget",
    "forget_uploads",
    "import_comments",
    "read_mapping",
    "run_import",
    "start",
    "stored_name",
    "too_long",
]

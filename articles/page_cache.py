"""The article page as a cached read.

Readers vastly outnumber commenters, so a rendered article page is kept in
the cache, headers and all, together with the versions it was rendered
from: the site's, the story's and its comments'. Every change replaces one
of them, so a reader never gets a removed comment from the cache; a warm
page costs no database query, and with Redis no round trip either: each
process keeps its own copies of the versions, which Redis keeps exact
(newsroom/cache.py). The versions double as the ETag. The parts of the
page that a comment does not change (the story, the navigation, the
comment form) are kept too, under the versions they depend on, so the page
a comment retires is made again from them (templatetags/page_parts.py).

When the cache cannot be reached, pages are rendered from the database as
if nothing were cached. A retirement that cannot reach the cache is not
lost: it moves the epoch, a number the database keeps and every cache key
carries, so a cache that comes back with old data (Redis restarted from its
saved copy) holds nothing under the current epoch and a moderator's
decision stays in force. Each process reads the epoch at most once a
second, so it costs no query on a warm page.

Every key expires, and nothing is written for a story that does not exist:
a version is made only for a published story (one query, when its version
is missing), so requests for made-up slugs cannot fill the cache.

A local-memory cache (the embedded default, no REDIS_URL) belongs to one
process, and a retirement made elsewhere (the task worker, a management
command, a second server process) cannot reach it. There every retirement
moves the epoch as well, which every process reads within a second.
"""

import logging
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.http import HttpResponse
from django.http.response import ResponseHeaders
from django.utils import translation

from protection.hooks import Hook
from protection.outages import without_cache

from .models import Article, PageCacheEpoch

logger = logging.getLogger(__name__)

TIMEOUT = 3600
# A version outlives nothing cached under it by much, and comes back as a
# new one when it expires.
VERSION_TIMEOUT = TIMEOUT


class CachedPage:
    """A page as the top of the middleware stack answered it, so that a
    cached copy is answered there again with the same headers."""

    __slots__ = ("_checked_headers", "content", "headers")
    headers: list[tuple[str, str]]
    content: bytes
    _checked_headers: dict | None

    # __new__, not __init__: the copies stored before this was a class (a
    # named tuple, pickled as CachedPage.__new__(cls, headers, content))
    # load as they are.
    def __new__(cls, headers: list[tuple[str, str]], content: bytes):
        page = super().__new__(cls)
        page.headers = headers
        page.content = content
        page._checked_headers = None
        return page

    def __reduce__(self):
        return (CachedPage, (self.headers, self.content))

    def response(self) -> HttpResponse:
        """A response with the page's headers. Django checks and encodes
        each header as it is set; a copy this process serves again and again
        has them checked once (a tenth of a warm page's time, measured)."""
        if self._checked_headers is None:
            self._checked_headers = ResponseHeaders(dict(self.headers))._store
        response = HttpResponse(self.content)
        response.headers._store = self._checked_headers.copy()
        return response


EPOCH_MAX_AGE = 1.0

# (epoch, when it was read) for this process.
_known_epoch: tuple[int, float] = (0, float("-inf"))

# What else every page depends on, registered by the apps that know it (the
# comments app: its site-wide switches, as comments/switches.py reads
# them). Their answers are part of every page's version, so a page rendered
# in another state is not served. Each must be cheap: it runs on every page
# served.
page_states: Hook[Callable[[], str]] = Hook("page states")


@dataclass(frozen=True)
class ReaderChoice:
    """A query parameter that picks a variant of every article page (the
    comments app's order of comments), each cached on its own and
    remembered for the reader in a cookie.

    refresh_seconds: for values whose page shows something that changes
    without retiring it (an order by recommendations), how long a cached
    copy may be kept.
    """

    parameter: str
    cookie: str
    default: str
    values: frozenset[str]
    refresh_seconds: dict[str, int] = field(default_factory=dict)

    def refresh_bucket(self, value: str) -> str:
        seconds = self.refresh_seconds.get(value)
        return f"{int(time.time() // seconds)}" if seconds else ""


# Registered by the apps that own them.
reader_choices: Hook[ReaderChoice] = Hook("reader choices")

# Every part the templates declare, as (name, per_story), known once they
# are compiled: a page made again reads them all in one round trip.
known_parts: set[tuple[str, bool]] = set()


def forget_known_epoch() -> None:
    """Read the epoch afresh next time (a test's new database)."""
    global _known_epoch
    _known_epoch = (0, float("-inf"))


def current_epoch() -> int:
    global _known_epoch
    epoch, read_at = _known_epoch
    now = time.monotonic()
    if now - read_at >= EPOCH_MAX_AGE:
        try:
            epoch = PageCacheEpoch.current()
        except Exception:  # the page cannot render either; keep the last one
            logger.exception("Database unavailable; page cache epoch not read")
        _known_epoch = (epoch, now)
    return epoch


@dataclass(frozen=True)
class Versions:
    """What one story's page is made of, each part under its own version:
    the site (navigation, site-wide switches), the story, and its comments.
    A comment retires the comments alone, so the page is made again from
    the story and navigation already rendered (see page_part)."""

    slug: str
    host: str
    language: str
    epoch: int
    site: str
    story: str
    comments: str
    states: str
    # The parts read with the page, by key: (version, html).
    parts_read: dict[str, tuple[str, str]] = field(default_factory=dict, compare=False)

    def page(self, freshness: str = "") -> str:
        return f"{self.epoch}.{self.site}{self.story}{self.comments}{self.states}{freshness}"

    def part(self, name: str, *, per_story: bool) -> tuple[str, str]:
        """The cache key and current version of a part of the page."""
        version = (
            f"{self.epoch}.{self.site}{self.story if per_story else ''}{self.states}"
        )
        where = f"{self.host}:{self.language}"
        if per_story:
            where += f":{self.slug}"
        return f"pages:{self.epoch}:part:{where}:{name}", version


def lookup(
    slug: str, page: str, host: str, freshness: str = ""
) -> tuple[Versions | None, CachedPage | None]:
    """The story's current versions, read in one round trip, and its cached
    page: this process's copy when it is current, else the shared cache's,
    read in a second trip with the page's parts. page names the variant
    (page number and reader choices); freshness, when it changes, makes the
    cached copy stale as a new version would.

    The versions are None when the cache is down; the page is None when it
    is not cached for the current version.
    """
    epoch = current_epoch()
    keys = [site_key(epoch), story_key(slug, epoch), comments_key(slug, epoch)]
    found = None
    with without_cache("article page not cached"):
        found = cache.get_many(keys)
    if found is None:
        return None, None
    if missing := [key for key in keys if key not in found]:
        # Versions only for a story that exists: made-up slugs write nothing.
        try:
            exists = Article.objects.published().filter(slug=slug).exists()
        except DatabaseError:  # the view cannot render it either, and says so
            return None, None
        if not exists:
            return None, None
        made = False
        with without_cache("article page not cached"):
            for key in missing:  # a new version, unless another came first
                new = uuid.uuid4().hex[:12]
                found[key] = (
                    new if cache.add(key, new, VERSION_TIMEOUT) else cache.get(key)
                )
            made = True
        if not made:
            return None, None
    if None in found.values():
        return None, None
    current = Versions(
        slug=slug,
        host=host,
        language=translation.get_language(),
        epoch=epoch,
        site=found[keys[0]],
        story=found[keys[1]],
        comments=found[keys[2]],
        states="".join(state() for state in page_states),
    )
    key, version = page_key(slug, page, host, epoch), current.page(freshness)
    if cached := recent_pages.recall(key, version):
        return current, cached
    parts = [
        current.part(name, per_story=per_story)[0] for name, per_story in known_parts
    ]
    found = None
    with without_cache("article page not cached"):
        found = cache.get_many([key, *parts])
    if found is None:
        return current, None
    cached_version, cached = found.pop(key, (None, None))
    if cached_version != version:
        current.parts_read.update(found)
        return current, None
    recent_pages.remember(key, version, cached)
    return current, cached


def store(page: str, versions: Versions, freshness: str, cached: CachedPage) -> None:
    key = page_key(versions.slug, page, versions.host, versions.epoch)
    version = versions.page(freshness)
    recent_pages.remember(key, version, cached)
    with without_cache("article page not cached"):
        cache.set(key, (version, cached), TIMEOUT)


class RecentPages:
    """This process's copies of the pages it served last, each with its
    version. A copy is served only when the versions just read from the
    shared cache say it is current, so a hit reads three short versions
    (from this process's copies of them, with Redis), not a page of tens
    of kilobytes. A copy lives no longer than the shared cache's."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.pages: OrderedDict[str, tuple[str, CachedPage, float]] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def recall(self, key: str, version: str) -> CachedPage | None:
        with self.lock:
            found = self.pages.get(key)
            if found is None or found[0] != version:
                return None
            if time.monotonic() - found[2] >= TIMEOUT:
                return None
            self.pages.move_to_end(key)
            return found[1]

    def remember(self, key: str, version: str, page: CachedPage) -> None:
        with self.lock:
            if (old := self.pages.pop(key, None)) is not None:
                self.size -= len(old[1].content)
            self.pages[key] = (version, page, time.monotonic())
            self.size += len(page.content)
            while self.size > self.max_bytes:
                _, (_, dropped, _) = self.pages.popitem(last=False)
                self.size -= len(dropped.content)


recent_pages = RecentPages(max_bytes=32 * 1024 * 1024)


def part(
    versions: Versions, name: str, render: Callable[[], str], *, per_story: bool
) -> str:
    """A part of a story's page, rendered once for its version."""
    key, version = versions.part(name, per_story=per_story)
    read = None
    with without_cache("page part not cached"):
        read = versions.parts_read.get(key) or cache.get(key, (None, ""))
    if read is None:
        return render()
    cached_version, html = read
    if cached_version == version:
        return html
    html = render()
    with without_cache("page part not cached"):
        cache.set(key, (version, html), TIMEOUT)
    return html


def invalidate(slug: str) -> None:
    """Retire a story's cached pages and the story part they are made from
    (the story changed)."""
    _forget_now_and_after_commit(lambda epoch: story_key(slug, epoch))


def invalidate_comments(slug: str) -> None:
    """Retire a story's cached pages but not its story part (a comment
    changed)."""
    _forget_now_and_after_commit(lambda epoch: comments_key(slug, epoch))


def invalidate_site() -> None:
    """Retire every cached page (navigation changed)."""
    _forget_now_and_after_commit(site_key)


def _forget_now_and_after_commit(key_for_epoch) -> None:
    # Now, so that this request and later ones in the same transaction see
    # the change; again after the commit, because a reader's request may
    # have cached the old state in between under a fresh version.
    _forget(key_for_epoch)
    transaction.on_commit(lambda: _forget(key_for_epoch))


def _forget(key_for_epoch) -> None:
    """Give the key a new version: what was cached under the old one is
    never served again."""
    global _known_epoch
    if not settings.NEWSROOM_CACHE_IS_SHARED:
        # This process's cache is not the others': move the epoch they read.
        _known_epoch = (PageCacheEpoch.move_on(), time.monotonic())
        return
    retired = False
    with without_cache("moving the page cache epoch instead"):
        new_version = uuid.uuid4().hex[:12]
        cache.set(key_for_epoch(current_epoch()), new_version, VERSION_TIMEOUT)
        retired = True
    if not retired:
        _known_epoch = (PageCacheEpoch.move_on(), time.monotonic())


# The versions every page reads: with Redis, each process keeps its own
# copies of the keys under this prefix, which Redis keeps exact
# (CACHES["default"]["OPTIONS"]["TRACKED_PREFIXES"], newsroom/cache.py), so
# that a warm page makes no round trip at all.
VERSIONS_PREFIX = "page-versions:"


def site_key(epoch: int) -> str:
    return f"{VERSIONS_PREFIX}{epoch}:site"


def story_key(slug: str, epoch: int) -> str:
    return f"{VERSIONS_PREFIX}{epoch}:story:{slug}"


def comments_key(slug: str, epoch: int) -> str:
    return f"{VERSIONS_PREFIX}{epoch}:comments:{slug}"


def page_key(slug: str, page: str, host: str, epoch: int) -> str:
    return f"pages:{epoch}:article:{host}:{slug}:{page}"

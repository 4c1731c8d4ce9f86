"""The article page as a cached read.

Readers vastly outnumber commenters, so a rendered article page is kept in
the cache together with the version of the story it was rendered from.
Every change to the story or its comments replaces that version, so a
reader never gets a removed comment from the cache; a warm page costs one
cache round trip and no database query. The version doubles as the ETag.

When the cache cannot be reached, pages are rendered from the database as
if nothing were cached. A retirement that cannot reach the cache is not
lost: it moves the epoch, a number the database keeps and every cache key
carries, so a cache that comes back with old data (Redis restarted from its
saved copy) holds nothing under the current epoch and a moderator's
decision stays in force. Each process reads the epoch at most once a
second, so it costs no query on a warm page.
"""

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import transaction

from .models import PageCacheEpoch

logger = logging.getLogger(__name__)

TIMEOUT = 3600
EPOCH_MAX_AGE = 1.0

# (epoch, when it was read) for this process.
_known_epoch: tuple[int, float] = (0, float("-inf"))

# What else every page depends on, registered by the apps that know it (the
# comments app: whether comments are open site-wide right now). Their
# answers are part of every page's version, so a page rendered in another
# state is not served. Each must be cheap: it runs on every page served.
page_states: list[Callable[[], str]] = []


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
reader_choices: list[ReaderChoice] = []


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


def lookup(
    slug: str, page: str, host: str, freshness: str = ""
) -> tuple[str | None, bytes | None]:
    """The story's current version and its cached page, in one round trip.
    page names the variant (page number and reader choices); freshness, when
    it changes, makes the cached copy stale as a new version would.

    The version is None when the cache is down; the page is None when it
    is not cached for the current version.
    """
    epoch = current_epoch()
    site, story = site_key(epoch), story_key(slug, epoch)
    keys = [site, story, page_key(slug, page, host, epoch)]
    try:
        found = cache.get_many(keys)
        if site not in found or story not in found:
            for key in keys[:2]:
                cache.add(key, uuid.uuid4().hex[:12], None)
            found = cache.get_many(keys)
    except Exception:  # a cache failure only costs speed
        logger.exception("Cache unavailable; article page not cached")
        return None, None
    if site not in found or story not in found:
        return None, None
    states = "".join(state() for state in page_states)
    current = f"{epoch}.{found[site]}{found[story]}{states}{freshness}"
    cached_version, content = found.get(keys[2], (None, None))
    return current, content if cached_version == current else None


def store(slug: str, page: str, host: str, version: str, content: bytes) -> None:
    epoch = int(version.split(".", 1)[0])
    try:
        cache.set(page_key(slug, page, host, epoch), (version, content), TIMEOUT)
    except Exception:
        logger.exception("Cache unavailable; article page not cached")


def invalidate(slug: str) -> None:
    """Retire a story's cached pages."""
    _forget_now_and_after_commit(lambda epoch: story_key(slug, epoch))


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
    global _known_epoch
    try:
        cache.delete(key_for_epoch(current_epoch()))
    except Exception:
        logger.exception("Cache unavailable; moving the page cache epoch instead")
        _known_epoch = (PageCacheEpoch.move_on(), time.monotonic())


def site_key(epoch: int) -> str:
    return f"pages:{epoch}:site-version"


def story_key(slug: str, epoch: int) -> str:
    return f"pages:{epoch}:story:{slug}"


def page_key(slug: str, page: str, host: str, epoch: int) -> str:
    return f"pages:{epoch}:article:{host}:{slug}:{page}"

"""The article page as a cached read.

Readers vastly outnumber commenters, so a rendered article page is kept in
the cache together with the version of the story it was rendered from.
Every change to the story or its comments replaces that version, so a
reader never gets a removed comment from the cache; a warm page costs one
cache round trip and no database query. The version doubles as the ETag.

When the cache cannot be reached, pages are rendered from the database as
if nothing were cached.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

SITE_KEY = "pages:site-version"
TIMEOUT = 3600


def lookup(slug: str, page: str, host: str) -> tuple[str | None, bytes | None]:
    """The story's current version and its cached page, in one round trip.

    The version is None when the cache is down; the page is None when it
    is not cached for the current version.
    """
    keys = [SITE_KEY, story_key(slug), page_key(slug, page, host)]
    try:
        found = cache.get_many(keys)
        if SITE_KEY not in found or story_key(slug) not in found:
            for key in keys[:2]:
                cache.add(key, uuid.uuid4().hex[:12], None)
            found = cache.get_many(keys)
    except Exception:  # a cache failure only costs speed
        logger.exception("Cache unavailable; article page not cached")
        return None, None
    if SITE_KEY not in found or story_key(slug) not in found:
        return None, None
    current = f"{found[SITE_KEY]}{found[story_key(slug)]}"
    cached_version, content = found.get(keys[2], (None, None))
    return current, content if cached_version == current else None


def store(slug: str, page: str, host: str, version: str, content: bytes) -> None:
    try:
        cache.set(page_key(slug, page, host), (version, content), TIMEOUT)
    except Exception:
        logger.exception("Cache unavailable; article page not cached")


def invalidate(slug: str) -> None:
    """Retire a story's cached pages."""
    _forget_now_and_after_commit(story_key(slug))


def invalidate_site() -> None:
    """Retire every cached page (navigation changed)."""
    _forget_now_and_after_commit(SITE_KEY)


def _forget_now_and_after_commit(key: str) -> None:
    # Now, so that this request and later ones in the same transaction see
    # the change; again after the commit, because a reader's request may
    # have cached the old state in between under a fresh version.
    _forget(key)
    transaction.on_commit(lambda: _forget(key))


def _forget(key: str) -> None:
    try:
        cache.delete(key)
    except Exception:
        logger.exception("Cache unavailable; could not retire %s", key)


def story_key(slug: str) -> str:
    return f"pages:story:{slug}"


def page_key(slug: str, page: str, host: str) -> str:
    return f"pages:article:{host}:{slug}:{page}"

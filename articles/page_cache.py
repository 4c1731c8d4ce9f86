"""The article page as a cached read.

Readers vastly outnumber commenters, so a rendered article page is kept in
the cache under a version that every change to the story or its comments
replaces: a reader never sees a removed comment from the cache, and a warm
page costs no database query at all. The version doubles as the ETag.

When the cache cannot be reached, pages are rendered from the database as
if nothing were cached.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

SITE_KEY = "pages:site-version"
TIMEOUT = 24 * 3600


def version(slug: str) -> str | None:
    """The current version of a story's pages; None when the cache is down."""
    keys = [SITE_KEY, story_key(slug)]
    try:
        versions = cache.get_many(keys)
        for key in keys:
            if key not in versions:
                cache.add(key, uuid.uuid4().hex, None)
        versions = cache.get_many(keys)
    except Exception:  # a cache failure only costs speed
        logger.exception("Cache unavailable; article page not cached")
        return None
    if len(versions) < len(keys):
        return None
    return f"{versions[SITE_KEY][:8]}{versions[story_key(slug)][:8]}"


def get(slug: str, page: str, host: str) -> bytes | None:
    current = version(slug)
    if current is None:
        return None
    try:
        return cache.get(page_key(slug, page, host, current))
    except Exception:
        logger.exception("Cache unavailable; article page not cached")
        return None


def store(slug: str, page: str, host: str, content: bytes) -> None:
    current = version(slug)
    if current is None:
        return
    try:
        cache.set(page_key(slug, page, host, current), content, TIMEOUT)
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


def page_key(slug: str, page: str, host: str, current: str) -> str:
    return f"pages:article:{current}:{host}:{slug}:{page}"
